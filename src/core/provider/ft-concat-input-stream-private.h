/* ft-concat-input-stream-private.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FT_TYPE_CONCAT_INPUT_STREAM (ft_concat_input_stream_get_type ())

G_DECLARE_FINAL_TYPE (FtConcatInputStream, ft_concat_input_stream,
                      FT, CONCAT_INPUT_STREAM, GInputStream)

GInputStream *_ft_concat_input_stream_new    (void);
void          _ft_concat_input_stream_append (FtConcatInputStream *self,
                                              GInputStream        *stream,
                                              goffset              limit);

G_END_DECLS
