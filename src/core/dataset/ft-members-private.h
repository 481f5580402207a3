/* ft-members-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ft-json-scan.h"

G_BEGIN_DECLS

/* The members of a JSON object in their original order, each value kept as
 * its exact JSON text. The model edits a message or an example by replacing
 * the text of one member, so everything it does not touch (unknown keys,
 * number spellings, escapes) is written back exactly as it was read.
 */
typedef struct
{
  char *name;   /* the decoded member name */
  char *value;  /* the exact JSON text of the value */
} FtMember;

GPtrArray  *_ft_members_new             (void) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *_ft_members_new_from_span   (const FtJsonSpan *object) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *_ft_members_copy            (GPtrArray        *members) G_GNUC_WARN_UNUSED_RESULT;
int         _ft_members_find            (GPtrArray        *members,
                                         const char       *name);
gboolean    _ft_members_get_span        (GPtrArray        *members,
                                         const char       *name,
                                         FtJsonSpan       *span);
void        _ft_members_take_value      (GPtrArray        *members,
                                         const char       *name,
                                         char             *value,
                                         gboolean          first);
void        _ft_members_set_string      (GPtrArray        *members,
                                         const char       *name,
                                         const char       *utf8);
gboolean    _ft_members_remove          (GPtrArray        *members,
                                         const char       *name);
void        _ft_members_rename          (GPtrArray        *members,
                                         const char       *old_name,
                                         const char       *new_name);
void        _ft_members_append_name     (GString          *out,
                                         const FtMember   *member);
void        _ft_members_append_json     (GString          *out,
                                         GPtrArray        *members);

G_END_DECLS
