/* ft-metrics.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-metrics"

#include "config.h"

#include "ft-metrics.h"

#include "ft-error.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

struct _FtMetrics
{
  GObject     parent_instance;

  GStrv       columns;
  GPtrArray  *series;   /* one GArray of double per column */
  guint       n_rows;
};

G_DEFINE_FINAL_TYPE (FtMetrics, ft_metrics, G_TYPE_OBJECT)

static void
ft_metrics_finalize (GObject *object)
{
  FtMetrics *self = (FtMetrics *)object;

  g_clear_pointer (&self->columns, g_strfreev);
  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (ft_metrics_parent_class)->finalize (object);
}

static void
ft_metrics_class_init (FtMetricsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_metrics_finalize;
}

static void
ft_metrics_init (FtMetrics *self)
{
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
}

static gboolean
looks_like_csv (const char *data,
                gsize       len)
{
  /* Skip a UTF-8 byte order mark. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, len -= 3;

  return len >= 4 && g_ascii_strncasecmp (data, "step", 4) == 0;
}

/**
 * ft_metrics_new_from_csv:
 * @bytes: the content of a `fine-tune-results` file
 * @error: return location for a #GError
 *
 * Parses the result CSV of a job into one series per column, matched by
 * header name (more columns may appear). Empty cells become NAN. The
 * content may also come base64-encoded, as the service has been seen to
 * send it; that is decoded first.
 *
 * Returns: (transfer full) (nullable): the metrics, or %NULL with
 *   %FT_CLIENT_ERROR_INVALID_RESPONSE naming the bad line
 */
FtMetrics *
ft_metrics_new_from_csv (GBytes  *bytes,
                         GError **error)
{
  g_autoptr(FtMetrics) self = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  const char *data;
  gsize len;
  guint n_columns = 0;
  guint line_no = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (looks_like_csv (data, len))
    {
      text = g_strndup (data, len);
    }
  else
    {
      g_autofree char *copy = g_strndup (data, len);
      guchar *decoded;
      gsize decoded_len = 0;

      g_strstrip (copy);
      decoded = g_base64_decode (copy, &decoded_len);
      if (decoded == NULL || !looks_like_csv ((const char *)decoded, decoded_len))
        {
          g_free (decoded);
          g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                               _("The results file is neither a CSV table starting with “step” "
                                 "nor base64 of one"));
          return NULL;
        }
      text = g_strndup ((const char *)decoded, decoded_len);
      g_free (decoded);
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                           _("The results file is not valid UTF-8 text"));
      return NULL;
    }

  self = g_object_new (FT_TYPE_METRICS, NULL);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize l = strlen (line);

      line_no++;
      if (l > 0 && line[l - 1] == '\r')
        line[l - 1] = '\0';
      if (line[0] == '\0')
        continue;

      if (self->columns == NULL)
        {
          const char *header = g_str_has_prefix (line, "\xEF\xBB\xBF") ? line + 3 : line;

          self->columns = g_strsplit (header, ",", -1);
          n_columns = g_strv_length (self->columns);
          for (guint c = 0; c < n_columns; c++)
            {
              g_strstrip (self->columns[c]);
              g_ptr_array_add (self->series, g_array_new (FALSE, FALSE, sizeof (double)));
            }
          continue;
        }
      else
        {
          g_auto(GStrv) cells = g_strsplit (line, ",", -1);
          guint n_cells = g_strv_length (cells);

          if (n_cells > n_columns)
            {
              /* Translators: a number of columns. */
              g_autofree char *columns = g_strdup_printf (ngettext ("%u column", "%u columns",
                                                                    n_columns),
                                                          n_columns);

              g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                           /* Translators: a line number, a number of cells, then "3 columns". */
                           ngettext ("Line %u of the results file has %u cell, but the header "
                                     "names %s",
                                     "Line %u of the results file has %u cells, but the header "
                                     "names %s",
                                     n_cells),
                           line_no, n_cells, columns);
              return NULL;
            }

          for (guint c = 0; c < n_columns; c++)
            {
              const char *cell = c < n_cells ? g_strstrip (cells[c]) : "";
              double value = NAN;

              if (cell[0] != '\0')
                {
                  char *end = NULL;

                  value = g_ascii_strtod (cell, &end);
                  if (end == cell || *end != '\0')
                    {
                      g_set_error (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                                   _("Line %u of the results file has “%s” in column “%s”, which "
                                     "is not a number"),
                                   line_no, cell, self->columns[c]);
                      return NULL;
                    }
                }

              g_array_append_val (g_ptr_array_index (self->series, c), value);
            }
          self->n_rows++;
        }
    }

  if (self->columns == NULL)
    {
      g_set_error_literal (error, FT_CLIENT_ERROR, FT_CLIENT_ERROR_INVALID_RESPONSE,
                           _("The results file is empty"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

guint
ft_metrics_get_n_rows (FtMetrics *self)
{
  g_return_val_if_fail (FT_IS_METRICS (self), 0);
  return self->n_rows;
}

/**
 * ft_metrics_get_columns:
 * @self: a #FtMetrics
 *
 * Returns: (transfer none): the column names in file order
 */
const char * const *
ft_metrics_get_columns (FtMetrics *self)
{
  g_return_val_if_fail (FT_IS_METRICS (self), NULL);
  return (const char * const *)self->columns;
}

gboolean
ft_metrics_has_column (FtMetrics  *self,
                       const char *column)
{
  g_return_val_if_fail (FT_IS_METRICS (self), FALSE);
  return g_strv_contains ((const char * const *)self->columns, column);
}

/**
 * ft_metrics_get_series:
 * @self: a #FtMetrics
 * @column: a column name such as `train_loss`
 * @n_values: (out) (optional): the number of values (the number of rows)
 *
 * Returns: (transfer none) (nullable) (array length=n_values): the
 *   column's values, NAN where a cell is empty; %NULL for an unknown
 *   column
 */
const double *
ft_metrics_get_series (FtMetrics  *self,
                       const char *column,
                       guint      *n_values)
{
  g_return_val_if_fail (FT_IS_METRICS (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  for (guint c = 0; self->columns[c] != NULL; c++)
    {
      if (g_str_equal (self->columns[c], column))
        {
          GArray *values = g_ptr_array_index (self->series, c);

          if (n_values != NULL)
            *n_values = values->len;
          return (const double *)(gpointer)values->data;
        }
    }

  if (n_values != NULL)
    *n_values = 0;
  return NULL;
}
