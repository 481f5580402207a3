/* ft-duplicates.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * FtDuplicateMode:
 * @FT_DUPLICATE_EXACT: the same JSON value (key order, spacing, escapes
 *   and the spelling of numbers do not matter)
 * @FT_DUPLICATE_NEAR: the same messages once their text is NFC-normalized,
 *   case-folded and every run of white space made one space; roles, tool
 *   calls and the order of messages still matter, other keys do not (the
 *   full definition is at the top of ft-duplicates.c)
 *
 * The app's one definition of duplicate examples, used by the finder and
 * by the validator alike.
 */
typedef enum
{
  FT_DUPLICATE_EXACT,
  FT_DUPLICATE_NEAR,
} FtDuplicateMode;

#define FT_TYPE_DUPLICATE_MODE (ft_duplicate_mode_get_type ())
GType ft_duplicate_mode_get_type (void) G_GNUC_CONST;

/**
 * FtDuplicateGroup:
 *
 * Lines that hold the same example, in the order they were added; the
 * first is the one to keep.
 */
typedef struct _FtDuplicateGroup FtDuplicateGroup;

#define FT_TYPE_DUPLICATE_GROUP (ft_duplicate_group_get_type ())
GType             ft_duplicate_group_get_type     (void) G_GNUC_CONST;
FtDuplicateGroup *ft_duplicate_group_ref          (FtDuplicateGroup *self);
void              ft_duplicate_group_unref        (FtDuplicateGroup *self);
guint             ft_duplicate_group_get_n_lines  (FtDuplicateGroup *self);
guint64           ft_duplicate_group_get_line     (FtDuplicateGroup *self,
                                                   guint             index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FtDuplicateGroup, ft_duplicate_group_unref)

#define FT_TYPE_DUPLICATE_FINDER (ft_duplicate_finder_get_type ())
G_DECLARE_FINAL_TYPE (FtDuplicateFinder, ft_duplicate_finder, FT, DUPLICATE_FINDER, GObject)

FtDuplicateFinder *ft_duplicate_finder_new             (FtDuplicateMode     mode)
                                                        G_GNUC_WARN_UNUSED_RESULT;
FtDuplicateMode    ft_duplicate_finder_get_mode        (FtDuplicateFinder  *self);
guint64            ft_duplicate_finder_add             (FtDuplicateFinder  *self,
                                                        const char         *line,
                                                        gsize               length,
                                                        guint64             line_number);
guint64            ft_duplicate_finder_lookup          (FtDuplicateFinder  *self,
                                                        const char         *line,
                                                        gsize               length);
guint              ft_duplicate_finder_get_n_lines     (FtDuplicateFinder  *self);
guint              ft_duplicate_finder_get_n_duplicates (FtDuplicateFinder *self);
GPtrArray         *ft_duplicate_finder_dup_groups      (FtDuplicateFinder  *self)
                                                        G_GNUC_WARN_UNUSED_RESULT;
char              *ft_duplicate_key                    (const char         *line,
                                                        gsize               length,
                                                        FtDuplicateMode     mode)
                                                        G_GNUC_WARN_UNUSED_RESULT;
void               ft_duplicate_append_json_key        (GString            *out,
                                                        const char         *json,
                                                        gsize               length,
                                                        FtDuplicateMode     mode);

G_END_DECLS
