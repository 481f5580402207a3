/* ft-members.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-members"

#include "config.h"

#include "ft-members-private.h"

#include <string.h>

static void
member_free (gpointer data)
{
  FtMember *member = data;

  g_free (member->name);
  g_free (member->value);
  g_free (member);
}

static FtMember *
member_new (char *name,
            char *value)
{
  FtMember *member = g_new (FtMember, 1);

  member->name = name;
  member->value = value;

  return member;
}

GPtrArray *
_ft_members_new (void)
{
  return g_ptr_array_new_with_free_func (member_free);
}

/* @object must be a validated JSON object. */
GPtrArray *
_ft_members_new_from_span (const FtJsonSpan *object)
{
  GPtrArray *members = _ft_members_new ();
  FtJsonIter iter;
  FtJsonSpan name;
  FtJsonSpan value;

  ft_json_iter_init_object (&iter, object->text, object->length);
  while (ft_json_iter_next_member (&iter, &name, &value))
    g_ptr_array_add (members,
                     member_new (ft_json_span_dup_string (&name, G_MAXSIZE, NULL),
                                 g_strndup (value.text, value.length)));

  return members;
}

GPtrArray *
_ft_members_copy (GPtrArray *members)
{
  GPtrArray *copy = _ft_members_new ();

  for (guint i = 0; i < members->len; i++)
    {
      const FtMember *member = g_ptr_array_index (members, i);

      g_ptr_array_add (copy, member_new (g_strdup (member->name), g_strdup (member->value)));
    }

  return copy;
}

/* The last member called @name wins, as in json-glib and Python. */
int
_ft_members_find (GPtrArray  *members,
                  const char *name)
{
  for (guint i = members->len; i > 0; i--)
    {
      const FtMember *member = g_ptr_array_index (members, i - 1);

      if (strcmp (member->name, name) == 0)
        return i - 1;
    }

  return -1;
}

gboolean
_ft_members_get_span (GPtrArray  *members,
                      const char *name,
                      FtJsonSpan *span)
{
  int index = _ft_members_find (members, name);
  const FtMember *member;

  if (index < 0)
    {
      span->text = NULL;
      span->length = 0;
      return FALSE;
    }

  member = g_ptr_array_index (members, index);
  span->text = member->value;
  span->length = strlen (member->value);

  return TRUE;
}

/* Sets the value of @name to the JSON text @value, in place when the member
 * exists (dropping earlier duplicates), otherwise appended, or put first
 * when @first is set.
 */
void
_ft_members_take_value (GPtrArray  *members,
                        const char *name,
                        char       *value,
                        gboolean    first)
{
  int index = _ft_members_find (members, name);

  if (index >= 0)
    {
      FtMember *member = g_ptr_array_index (members, index);

      g_free (member->value);
      member->value = value;

      for (int i = index - 1; i >= 0; i--)
        {
          const FtMember *other = g_ptr_array_index (members, i);

          if (strcmp (other->name, name) == 0)
            g_ptr_array_remove_index (members, i);
        }
      return;
    }

  if (first)
    g_ptr_array_insert (members, 0, member_new (g_strdup (name), value));
  else
    g_ptr_array_add (members, member_new (g_strdup (name), value));
}

void
_ft_members_set_string (GPtrArray  *members,
                        const char *name,
                        const char *utf8)
{
  GString *json = g_string_new (NULL);

  ft_json_append_string (json, utf8, -1);
  _ft_members_take_value (members, name, g_string_free (json, FALSE), FALSE);
}

gboolean
_ft_members_remove (GPtrArray  *members,
                    const char *name)
{
  gboolean removed = FALSE;

  for (guint i = members->len; i > 0; i--)
    {
      const FtMember *member = g_ptr_array_index (members, i - 1);

      if (strcmp (member->name, name) == 0)
        {
          g_ptr_array_remove_index (members, i - 1);
          removed = TRUE;
        }
    }

  return removed;
}

void
_ft_members_rename (GPtrArray  *members,
                    const char *old_name,
                    const char *new_name)
{
  for (guint i = 0; i < members->len; i++)
    {
      FtMember *member = g_ptr_array_index (members, i);

      if (strcmp (member->name, old_name) == 0)
        {
          g_free (member->name);
          member->name = g_strdup (new_name);
        }
    }
}

void
_ft_members_append_name (GString        *out,
                         const FtMember *member)
{
  ft_json_append_string (out, member->name, -1);
  g_string_append_c (out, ':');
}

void
_ft_members_append_json (GString   *out,
                         GPtrArray *members)
{
  g_string_append_c (out, '{');
  for (guint i = 0; i < members->len; i++)
    {
      const FtMember *member = g_ptr_array_index (members, i);

      if (i > 0)
        g_string_append_c (out, ',');
      _ft_members_append_name (out, member);
      g_string_append (out, member->value);
    }
  g_string_append_c (out, '}');
}
