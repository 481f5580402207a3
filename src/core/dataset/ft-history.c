/* ft-history.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-history"

#include "config.h"

#include "ft-history.h"

#include "ft-dataset-private.h"
#include "ft-error.h"
#include "ft-json-scan.h"
#include "ft-tool-calls.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Undo and redo of dataset edits as command objects. Each public call
 * applies an edit and records a command that can revert and re-apply it;
 * a group makes several edits one step. Typing into one message merges
 * into one step while the keystrokes come less than a second apart.
 *
 * Commands hold the examples and messages they touch, so an undone
 * deletion brings back the same objects (views bound to them stay
 * valid). Message edits record the exact JSON text of the changed value,
 * so undo restores it exactly.
 *
 * The saved point is the position in the undo stack at the last save;
 * after every undo and redo the dataset's modified flag says whether the
 * position differs from it. An edit made without the history makes the
 * saved point unreachable (the dataset stays modified).
 */

#define MERGE_INTERVAL (G_USEC_PER_SEC)

typedef struct _Command Command;

typedef struct
{
  void (*apply)  (Command *command,
                  FtHistory *history);
  void (*revert) (Command *command,
                  FtHistory *history);
  void (*free)   (Command *command);
} CommandClass;

struct _Command
{
  const CommandClass *klass;
  char               *label;
};

struct _FtHistory
{
  GObject     parent_instance;

  FtDataset  *dataset;
  GPtrArray  *undo_stack;     /* Command, oldest first */
  GPtrArray  *redo_stack;     /* Command, next redo last */
  GPtrArray  *groups;         /* open GroupCommand, innermost last */
  Command    *merge_target;   /* a command typing may extend */
  gint64      merge_time;

  gint64      saved_depth;    /* undo depth at the saved point; -1 when unreachable */
  guint       busy;
};

G_DEFINE_FINAL_TYPE (FtHistory, ft_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
command_free (gpointer data)
{
  Command *command = data;

  g_free (command->label);
  command->klass->free (command);
}

/* Group */

typedef struct
{
  Command    parent;
  GPtrArray *children;
} GroupCommand;

static void
group_apply (Command   *command,
             FtHistory *history)
{
  GroupCommand *self = (GroupCommand *)command;

  for (guint i = 0; i < self->children->len; i++)
    {
      Command *child = g_ptr_array_index (self->children, i);

      child->klass->apply (child, history);
    }
}

static void
group_revert (Command   *command,
              FtHistory *history)
{
  GroupCommand *self = (GroupCommand *)command;

  for (guint i = self->children->len; i > 0; i--)
    {
      Command *child = g_ptr_array_index (self->children, i - 1);

      child->klass->revert (child, history);
    }
}

static void
group_free (Command *command)
{
  GroupCommand *self = (GroupCommand *)command;

  g_ptr_array_unref (self->children);
  g_free (self);
}

static const CommandClass group_class = { group_apply, group_revert, group_free };

/* Examples in the dataset */

typedef struct
{
  Command    parent;
  guint      position;
  guint      to;
  FtExample *example;
  FtExample *other;
} ExampleCommand;

static gboolean
locate (FtHistory *history,
        FtExample *example,
        guint      hint,
        guint     *position)
{
  if (ft_dataset_peek_example (history->dataset, hint) == example)
    {
      *position = hint;
      return TRUE;
    }

  return ft_dataset_find_example (history->dataset, example, position);
}

static void
insert_example (FtHistory *history,
                guint      position,
                FtExample *example)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history->dataset));

  if (_ft_example_get_dataset (example) != NULL)
    return;

  ft_dataset_insert (history->dataset, MIN (position, n), example);
}

static void
remove_example (FtHistory *history,
                guint      position,
                FtExample *example)
{
  guint found;

  if (locate (history, example, position, &found))
    ft_dataset_remove (history->dataset, found);
}

static void
insert_example_apply (Command   *command,
                      FtHistory *history)
{
  ExampleCommand *self = (ExampleCommand *)command;

  insert_example (history, self->position, self->example);
}

static void
insert_example_revert (Command   *command,
                       FtHistory *history)
{
  ExampleCommand *self = (ExampleCommand *)command;

  remove_example (history, self->position, self->example);
}

static void
example_command_free (Command *command)
{
  ExampleCommand *self = (ExampleCommand *)command;

  g_clear_object (&self->example);
  g_clear_object (&self->other);
  g_free (self);
}

static const CommandClass insert_example_class = {
  insert_example_apply, insert_example_revert, example_command_free
};
static const CommandClass remove_example_class = {
  insert_example_revert, insert_example_apply, example_command_free
};

static void
move_example_apply (Command   *command,
                    FtHistory *history)
{
  ExampleCommand *self = (ExampleCommand *)command;
  guint from;

  if (locate (history, self->example, self->position, &from)
      && self->to < g_list_model_get_n_items (G_LIST_MODEL (history->dataset)))
    ft_dataset_move (history->dataset, from, self->to);
}

static void
move_example_revert (Command   *command,
                     FtHistory *history)
{
  ExampleCommand *self = (ExampleCommand *)command;
  guint from;

  if (locate (history, self->example, self->to, &from)
      && self->position < g_list_model_get_n_items (G_LIST_MODEL (history->dataset)))
    ft_dataset_move (history->dataset, from, self->position);
}

static const CommandClass move_example_class = {
  move_example_apply, move_example_revert, example_command_free
};

/* self->example is the old example, self->other the new one. */
static void
replace_example_apply (Command   *command,
                       FtHistory *history)
{
  ExampleCommand *self = (ExampleCommand *)command;
  guint found;

  if (locate (history, self->example, self->position, &found)
      && _ft_example_get_dataset (self->other) == NULL)
    ft_dataset_replace (history->dataset, found, self->other);
}

static void
replace_example_revert (Command   *command,
                        FtHistory *history)
{
  ExampleCommand *self = (ExampleCommand *)command;
  guint found;

  if (locate (history, self->other, self->position, &found)
      && _ft_example_get_dataset (self->example) == NULL)
    ft_dataset_replace (history->dataset, found, self->example);
}

static const CommandClass replace_example_class = {
  replace_example_apply, replace_example_revert, example_command_free
};

/* The whole text of an example */

typedef struct
{
  Command    parent;
  FtExample *example;
  GBytes    *old_bytes;
  GBytes    *new_bytes;
} TextCommand;

static void
text_apply (Command   *command,
            FtHistory *history)
{
  TextCommand *self = (TextCommand *)command;

  _ft_example_set_bytes (self->example, self->new_bytes);
}

static void
text_revert (Command   *command,
             FtHistory *history)
{
  TextCommand *self = (TextCommand *)command;

  _ft_example_set_bytes (self->example, self->old_bytes);
}

static void
text_free (Command *command)
{
  TextCommand *self = (TextCommand *)command;

  g_clear_object (&self->example);
  g_clear_pointer (&self->old_bytes, g_bytes_unref);
  g_clear_pointer (&self->new_bytes, g_bytes_unref);
  g_free (self);
}

static const CommandClass text_class = { text_apply, text_revert, text_free };

/* One member of a message */

typedef struct
{
  Command    parent;
  FtMessage *message;
  char      *name;
  char      *old_json;   /* NULL: the member was absent */
  char      *new_json;   /* NULL: the member is removed */
} MemberCommand;

static void
member_apply (Command   *command,
              FtHistory *history)
{
  MemberCommand *self = (MemberCommand *)command;

  _ft_message_set_member_text (self->message, self->name, self->new_json);
}

static void
member_revert (Command   *command,
               FtHistory *history)
{
  MemberCommand *self = (MemberCommand *)command;

  _ft_message_set_member_text (self->message, self->name, self->old_json);
}

static void
member_free (Command *command)
{
  MemberCommand *self = (MemberCommand *)command;

  g_clear_object (&self->message);
  g_free (self->name);
  g_free (self->old_json);
  g_free (self->new_json);
  g_free (self);
}

static const CommandClass member_class = { member_apply, member_revert, member_free };

/* One top-level member of an example other than its messages ("tools" of
 * a preference example live in its "input").
 */

typedef struct
{
  Command    parent;
  FtExample *example;
  char      *name;
  JsonNode  *old_value;   /* NULL: the member was absent */
  JsonNode  *new_value;   /* NULL: the member is removed */
} ExampleMemberCommand;

static JsonNode *
dup_example_member (FtExample  *example,
                    const char *name)
{
  if (strcmp (name, "tools") == 0)
    return ft_example_dup_tools (example);

  return ft_example_dup_member (example, name);
}

static void
set_example_member (FtExample  *example,
                    const char *name,
                    JsonNode   *value)
{
  if (strcmp (name, "tools") == 0)
    ft_example_set_tools (example, value);
  else
    ft_example_set_member (example, name, value);
}

static void
example_member_apply (Command   *command,
                      FtHistory *history)
{
  ExampleMemberCommand *self = (ExampleMemberCommand *)command;

  set_example_member (self->example, self->name, self->new_value);
}

static void
example_member_revert (Command   *command,
                       FtHistory *history)
{
  ExampleMemberCommand *self = (ExampleMemberCommand *)command;

  set_example_member (self->example, self->name, self->old_value);
}

static void
example_member_free (Command *command)
{
  ExampleMemberCommand *self = (ExampleMemberCommand *)command;

  g_clear_object (&self->example);
  g_free (self->name);
  g_clear_pointer (&self->old_value, json_node_unref);
  g_clear_pointer (&self->new_value, json_node_unref);
  g_free (self);
}

static const CommandClass example_member_class = {
  example_member_apply, example_member_revert, example_member_free
};

/* Messages in an example */

typedef struct
{
  Command        parent;
  FtExample     *example;
  FtMessage     *message;
  FtMessageList  list;
  guint          position;
  guint          to;
} MessageCommand;

static gboolean
locate_message (MessageCommand *self,
                guint           hint,
                guint          *position)
{
  GListModel *list = ft_example_get_message_list (self->example, self->list);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      guint index = (hint + i) % n;
      g_autoptr(FtMessage) message = g_list_model_get_item (list, index);

      if (message == self->message)
        {
          *position = index;
          return TRUE;
        }
    }

  return FALSE;
}

static void
insert_message_apply (Command   *command,
                      FtHistory *history)
{
  MessageCommand *self = (MessageCommand *)command;
  guint n;

  if (_ft_message_get_example (self->message) != NULL)
    return;

  n = g_list_model_get_n_items (ft_example_get_message_list (self->example, self->list));
  ft_example_insert_message (self->example, self->list, MIN (self->position, n), self->message);
}

static void
insert_message_revert (Command   *command,
                       FtHistory *history)
{
  MessageCommand *self = (MessageCommand *)command;
  guint found;

  if (locate_message (self, self->position, &found))
    ft_example_remove_message (self->example, self->list, found);
}

static void
message_command_free (Command *command)
{
  MessageCommand *self = (MessageCommand *)command;

  g_clear_object (&self->example);
  g_clear_object (&self->message);
  g_free (self);
}

static const CommandClass insert_message_class = {
  insert_message_apply, insert_message_revert, message_command_free
};
static const CommandClass remove_message_class = {
  insert_message_revert, insert_message_apply, message_command_free
};

static void
move_message_apply (Command   *command,
                    FtHistory *history)
{
  MessageCommand *self = (MessageCommand *)command;
  GListModel *messages = ft_example_get_message_list (self->example, self->list);
  guint from;

  if (locate_message (self, self->position, &from)
      && self->to < g_list_model_get_n_items (messages))
    ft_example_move_message (self->example, self->list, from, self->to);
}

static void
move_message_revert (Command   *command,
                     FtHistory *history)
{
  MessageCommand *self = (MessageCommand *)command;
  GListModel *messages = ft_example_get_message_list (self->example, self->list);
  guint from;

  if (locate_message (self, self->to, &from)
      && self->position < g_list_model_get_n_items (messages))
    ft_example_move_message (self->example, self->list, from, self->position);
}

static const CommandClass move_message_class = {
  move_message_apply, move_message_revert, message_command_free
};

/* The stacks */

static gpointer
command_new (const CommandClass *klass,
             gsize               size,
             const char         *label)
{
  Command *command = g_malloc0 (size);

  command->klass = klass;
  command->label = g_strdup (label);

  return command;
}

static void
update_modified (FtHistory *self)
{
  g_assert (FT_IS_HISTORY (self));

  ft_dataset_set_modified (self->dataset, self->saved_depth != (gint64)self->undo_stack->len);
}

static void
notify_state (FtHistory *self,
              gboolean   could_undo,
              gboolean   could_redo)
{
  g_assert (FT_IS_HISTORY (self));

  if (could_undo != ft_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != ft_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);

  /* The labels change with almost every step. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

/* Applies @command and records it. */
static void
push (FtHistory *self,
      Command   *command)
{
  gboolean could_undo = ft_history_get_can_undo (self);
  gboolean could_redo = ft_history_get_can_redo (self);

  g_assert (FT_IS_HISTORY (self));

  self->busy++;
  command->klass->apply (command, self);
  self->busy--;

  if (self->groups->len > 0)
    {
      GroupCommand *group = g_ptr_array_index (self->groups, self->groups->len - 1);

      g_ptr_array_add (group->children, command);
      return;
    }

  /* A new edit forgets what could be redone; a saved point there is gone. */
  if (self->redo_stack->len > 0)
    {
      if (self->saved_depth > (gint64)self->undo_stack->len)
        self->saved_depth = -1;
      g_ptr_array_set_size (self->redo_stack, 0);
    }

  g_ptr_array_add (self->undo_stack, command);
  update_modified (self);
  notify_state (self, could_undo, could_redo);
}

static void
on_dataset_changed_cb (FtHistory *self)
{
  g_assert (FT_IS_HISTORY (self));

  /* An edit that did not go through the history: undo cannot get back to
   * the saved state any more.
   */
  if (self->busy == 0)
    {
      self->saved_depth = -1;
      self->merge_target = NULL;
    }
}

static void
on_dataset_items_changed_cb (FtHistory  *self,
                             guint       position,
                             guint       removed,
                             guint       added,
                             GListModel *model)
{
  /* Loading fills the dataset without any edit. */
  if (!ft_dataset_get_loading (self->dataset))
    on_dataset_changed_cb (self);
}

static void
ft_history_dispose (GObject *object)
{
  FtHistory *self = (FtHistory *)object;

  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_clear_object (&self->dataset);
  self->merge_target = NULL;
  if (self->groups != NULL)
    g_ptr_array_set_size (self->groups, 0);
  if (self->undo_stack != NULL)
    g_ptr_array_set_size (self->undo_stack, 0);
  if (self->redo_stack != NULL)
    g_ptr_array_set_size (self->redo_stack, 0);

  G_OBJECT_CLASS (ft_history_parent_class)->dispose (object);
}

static void
ft_history_finalize (GObject *object)
{
  FtHistory *self = (FtHistory *)object;

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (ft_history_parent_class)->finalize (object);
}

static void
ft_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FtHistory *self = FT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ft_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ft_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_take_string (value, ft_history_dup_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_take_string (value, ft_history_dup_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FtHistory *self = FT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_history_constructed (GObject *object)
{
  FtHistory *self = (FtHistory *)object;

  G_OBJECT_CLASS (ft_history_parent_class)->constructed (object);

  g_assert (FT_IS_DATASET (self->dataset));

  self->saved_depth = ft_dataset_get_modified (self->dataset) ? -1 : 0;

  g_signal_connect_object (self->dataset, "saved",
                           G_CALLBACK (ft_history_mark_saved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "example-changed",
                           G_CALLBACK (on_dataset_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset, "items-changed",
                           G_CALLBACK (on_dataset_items_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
ft_history_class_init (FtHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ft_history_constructed;
  object_class->dispose = ft_history_dispose;
  object_class->finalize = ft_history_finalize;
  object_class->get_property = ft_history_get_property;
  object_class->set_property = ft_history_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FT_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtHistory:undo-label:
   *
   * The menu label for undo ("Undo Delete Example"), or %NULL.
   */
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ft_history_init (FtHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (command_free);
  self->redo_stack = g_ptr_array_new_with_free_func (command_free);
  self->groups = g_ptr_array_new ();
}

/**
 * ft_history_new:
 * @dataset: the dataset whose edits to record
 *
 * Returns: (transfer full): a new, empty history
 */
FtHistory *
ft_history_new (FtDataset *dataset)
{
  g_return_val_if_fail (FT_IS_DATASET (dataset), NULL);

  return g_object_new (FT_TYPE_HISTORY, "dataset", dataset, NULL);
}

/**
 * ft_history_get_dataset:
 * @self: a #FtHistory
 *
 * Returns: (transfer none): the dataset
 */
FtDataset *
ft_history_get_dataset (FtHistory *self)
{
  g_return_val_if_fail (FT_IS_HISTORY (self), NULL);

  return self->dataset;
}

/**
 * ft_history_get_can_undo:
 * @self: a #FtHistory
 *
 * Returns: whether there is a step to undo
 */
gboolean
ft_history_get_can_undo (FtHistory *self)
{
  g_return_val_if_fail (FT_IS_HISTORY (self), FALSE);

  return self->undo_stack->len > 0 && self->groups->len == 0;
}

/**
 * ft_history_get_can_redo:
 * @self: a #FtHistory
 *
 * Returns: whether there is a step to redo
 */
gboolean
ft_history_get_can_redo (FtHistory *self)
{
  g_return_val_if_fail (FT_IS_HISTORY (self), FALSE);

  return self->redo_stack->len > 0 && self->groups->len == 0;
}

/**
 * ft_history_dup_undo_label:
 * @self: a #FtHistory
 *
 * Returns: (transfer full) (nullable): "Undo …" naming the step, or %NULL
 */
char *
ft_history_dup_undo_label (FtHistory *self)
{
  Command *command;

  g_return_val_if_fail (FT_IS_HISTORY (self), NULL);

  if (!ft_history_get_can_undo (self))
    return NULL;

  command = g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1);

  /* Translators: a menu item; %s is an action such as "Delete Example" */
  return g_strdup_printf (_("Undo %s"), command->label);
}

/**
 * ft_history_dup_redo_label:
 * @self: a #FtHistory
 *
 * Returns: (transfer full) (nullable): "Redo …" naming the step, or %NULL
 */
char *
ft_history_dup_redo_label (FtHistory *self)
{
  Command *command;

  g_return_val_if_fail (FT_IS_HISTORY (self), NULL);

  if (!ft_history_get_can_redo (self))
    return NULL;

  command = g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1);

  /* Translators: a menu item; %s is an action such as "Delete Example" */
  return g_strdup_printf (_("Redo %s"), command->label);
}

/**
 * ft_history_undo:
 * @self: a #FtHistory
 *
 * Reverts the last step.
 *
 * Returns: %TRUE when there was a step to undo
 */
gboolean
ft_history_undo (FtHistory *self)
{
  Command *command;

  g_return_val_if_fail (FT_IS_HISTORY (self), FALSE);

  if (!ft_history_get_can_undo (self))
    return FALSE;

  command = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);
  self->merge_target = NULL;

  self->busy++;
  command->klass->revert (command, self);
  self->busy--;

  g_ptr_array_add (self->redo_stack, command);
  update_modified (self);
  notify_state (self, TRUE, self->redo_stack->len > 1);

  return TRUE;
}

/**
 * ft_history_redo:
 * @self: a #FtHistory
 *
 * Applies the last undone step again.
 *
 * Returns: %TRUE when there was a step to redo
 */
gboolean
ft_history_redo (FtHistory *self)
{
  Command *command;

  g_return_val_if_fail (FT_IS_HISTORY (self), FALSE);

  if (!ft_history_get_can_redo (self))
    return FALSE;

  command = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);
  self->merge_target = NULL;

  self->busy++;
  command->klass->apply (command, self);
  self->busy--;

  g_ptr_array_add (self->undo_stack, command);
  update_modified (self);
  notify_state (self, self->undo_stack->len > 1, TRUE);

  return TRUE;
}

/**
 * ft_history_clear:
 * @self: a #FtHistory
 *
 * Forgets every step (after loading another file, for example). The
 * current state counts as saved when the dataset is not modified.
 */
void
ft_history_clear (FtHistory *self)
{
  gboolean could_undo;
  gboolean could_redo;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (self->groups->len == 0);

  could_undo = ft_history_get_can_undo (self);
  could_redo = ft_history_get_can_redo (self);

  self->merge_target = NULL;
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  self->saved_depth = ft_dataset_get_modified (self->dataset) ? -1 : 0;

  notify_state (self, could_undo, could_redo);
}

/**
 * ft_history_mark_saved:
 * @self: a #FtHistory
 *
 * Makes the current step the saved point. Called by itself when the
 * dataset emits #FtDataset::saved.
 */
void
ft_history_mark_saved (FtHistory *self)
{
  g_return_if_fail (FT_IS_HISTORY (self));

  self->saved_depth = self->undo_stack->len;
  self->merge_target = NULL;
  update_modified (self);
}

/**
 * ft_history_begin_group:
 * @self: a #FtHistory
 * @label: the step's name for the menu, such as "Delete 5 Examples"
 *
 * Starts a step made of several edits (a bulk operation); every edit until
 * the matching ft_history_end_group() is undone and redone together.
 * Groups may nest; the outermost one names the step.
 */
void
ft_history_begin_group (FtHistory  *self,
                        const char *label)
{
  GroupCommand *group;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (label != NULL);

  group = command_new (&group_class, sizeof (GroupCommand), label);
  group->children = g_ptr_array_new_with_free_func (command_free);
  g_ptr_array_add (self->groups, group);
  self->merge_target = NULL;
}

/**
 * ft_history_end_group:
 * @self: a #FtHistory
 *
 * Ends the group ft_history_begin_group() started. An empty group records
 * nothing.
 */
void
ft_history_end_group (FtHistory *self)
{
  GroupCommand *group;
  gboolean could_undo;
  gboolean could_redo;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (self->groups->len > 0);

  group = g_ptr_array_steal_index (self->groups, self->groups->len - 1);

  if (group->children->len == 0)
    {
      command_free (group);
      return;
    }

  if (self->groups->len > 0)
    {
      GroupCommand *outer = g_ptr_array_index (self->groups, self->groups->len - 1);

      g_ptr_array_add (outer->children, group);
      return;
    }

  /* The edits are applied already: record the group without applying. */
  could_undo = self->undo_stack->len > 0;
  could_redo = self->redo_stack->len > 0;
  if (self->redo_stack->len > 0)
    {
      if (self->saved_depth > (gint64)self->undo_stack->len)
        self->saved_depth = -1;
      g_ptr_array_set_size (self->redo_stack, 0);
    }
  g_ptr_array_add (self->undo_stack, group);
  update_modified (self);
  notify_state (self, could_undo, could_redo);
}

/**
 * ft_history_insert_example:
 * @self: a #FtHistory
 * @position: where
 * @example: an example in no dataset
 */
void
ft_history_insert_example (FtHistory *self,
                           guint      position,
                           FtExample *example)
{
  ExampleCommand *command;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_EXAMPLE (example));
  g_return_if_fail (_ft_example_get_dataset (example) == NULL);
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (self->dataset)));

  command = command_new (&insert_example_class, sizeof (ExampleCommand), _("Add Example"));
  command->position = position;
  command->example = g_object_ref (example);
  push (self, &command->parent);
}

/**
 * ft_history_remove_example:
 * @self: a #FtHistory
 * @position: the example to delete
 */
void
ft_history_remove_example (FtHistory *self,
                           guint      position)
{
  ExampleCommand *command;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->dataset)));

  command = command_new (&remove_example_class, sizeof (ExampleCommand), _("Delete Example"));
  command->position = position;
  command->example = g_object_ref (ft_dataset_peek_example (self->dataset, position));
  push (self, &command->parent);
}

/**
 * ft_history_move_example:
 * @self: a #FtHistory
 * @from: the position of an example
 * @to: its new position
 */
void
ft_history_move_example (FtHistory *self,
                         guint      from,
                         guint      to)
{
  ExampleCommand *command;
  guint n;

  g_return_if_fail (FT_IS_HISTORY (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->dataset));
  g_return_if_fail (from < n);
  g_return_if_fail (to < n);

  if (from == to)
    return;

  command = command_new (&move_example_class, sizeof (ExampleCommand), _("Move Example"));
  command->position = from;
  command->to = to;
  command->example = g_object_ref (ft_dataset_peek_example (self->dataset, from));
  push (self, &command->parent);
}

/**
 * ft_history_replace_example:
 * @self: a #FtHistory
 * @position: the example to replace
 * @example: an example in no dataset
 */
void
ft_history_replace_example (FtHistory *self,
                            guint      position,
                            FtExample *example)
{
  ExampleCommand *command;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_EXAMPLE (example));
  g_return_if_fail (_ft_example_get_dataset (example) == NULL);
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->dataset)));

  command = command_new (&replace_example_class, sizeof (ExampleCommand), _("Replace Example"));
  command->position = position;
  command->example = g_object_ref (ft_dataset_peek_example (self->dataset, position));
  command->other = g_object_ref (example);
  push (self, &command->parent);
}

/**
 * ft_history_set_example_text:
 * @self: a #FtHistory
 * @example: an example
 * @text: its new text
 * @error: return location for a #GError
 *
 * Like ft_example_set_text(), recorded: the text is kept even when it does
 * not parse (then @error says why and %FALSE is returned).
 *
 * Returns: %TRUE when @text is valid JSON
 */
gboolean
ft_history_set_example_text (FtHistory   *self,
                             FtExample   *example,
                             const char  *text,
                             GError     **error)
{
  g_autoptr(GBytes) old_bytes = NULL;
  TextCommand *command;

  g_return_val_if_fail (FT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (FT_IS_EXAMPLE (example), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_bytes = ft_example_get_bytes (example);

  self->busy++;
  ft_example_set_text (example, text, NULL);
  self->busy--;

  command = command_new (&text_class, sizeof (TextCommand), _("Edit Example"));
  command->example = g_object_ref (example);
  command->old_bytes = g_steal_pointer (&old_bytes);
  command->new_bytes = ft_example_get_bytes (example);

  /* Applying again is harmless and keeps one code path. */
  push (self, &command->parent);

  if (ft_example_get_broken (example))
    {
      g_set_error_literal (error, FT_DATASET_ERROR, FT_DATASET_ERROR_PARSE,
                           ft_example_get_error_message (example));
      return FALSE;
    }

  return TRUE;
}

/* Records a change of member @name of @message to @json (NULL removes),
 * merging typing into one step.
 */
static void
set_member (FtHistory  *self,
            FtMessage  *message,
            const char *name,
            char       *json,
            const char *label,
            gboolean    mergeable)
{
  g_autofree char *old_json = _ft_message_dup_member_text (message, name);
  MemberCommand *command;
  gint64 now = g_get_monotonic_time ();

  g_assert (FT_IS_HISTORY (self));

  if (g_strcmp0 (old_json, json) == 0)
    {
      g_free (json);
      return;
    }

  /* Typing into the same message: extend the last step. */
  if (mergeable && self->merge_target != NULL && self->merge_target->klass == &member_class
      && now - self->merge_time < MERGE_INTERVAL
      && self->groups->len == 0 && self->redo_stack->len == 0 && self->undo_stack->len > 0
      && g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1) == self->merge_target)
    {
      MemberCommand *target = (MemberCommand *)self->merge_target;

      if (target->message == message && strcmp (target->name, name) == 0)
        {
          g_free (target->new_json);
          target->new_json = json;
          self->merge_time = now;

          self->busy++;
          _ft_message_set_member_text (message, name, json);
          self->busy--;

          /* Typing past the saved point leaves it behind. */
          if (self->saved_depth == (gint64)self->undo_stack->len)
            self->saved_depth = -1;
          update_modified (self);
          return;
        }
    }

  command = command_new (&member_class, sizeof (MemberCommand), label);
  command->message = g_object_ref (message);
  command->name = g_strdup (name);
  command->old_json = g_steal_pointer (&old_json);
  command->new_json = json;
  push (self, &command->parent);

  self->merge_target = mergeable && self->groups->len == 0 ? &command->parent : NULL;
  self->merge_time = now;
}

static char *
json_string (const char *utf8)
{
  GString *out = g_string_new (NULL);

  ft_json_append_string (out, utf8, -1);

  return g_string_free (out, FALSE);
}

/**
 * ft_history_set_message_role:
 * @self: a #FtHistory
 * @message: a message
 * @role: a known role
 */
void
ft_history_set_message_role (FtHistory *self,
                             FtMessage *message,
                             FtRole     role)
{
  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (ft_role_to_string (role) != NULL);

  set_member (self, message, "role", json_string (ft_role_to_string (role)),
              _("Change Role"), FALSE);
}

/**
 * ft_history_set_message_content:
 * @self: a #FtHistory
 * @message: a message
 * @content: (nullable): the text, or %NULL for "content": null
 *
 * Sets the content; successive calls for the same message less than a
 * second apart (typing) make one step.
 */
void
ft_history_set_message_content (FtHistory  *self,
                                FtMessage  *message,
                                const char *content)
{
  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (content == NULL || g_utf8_validate (content, -1, NULL));

  set_member (self, message, "content", content != NULL ? json_string (content) : g_strdup ("null"),
              _("Edit Message"), TRUE);
}

/**
 * ft_history_set_message_weight:
 * @self: a #FtHistory
 * @message: a message
 * @weight: 0, 1, or -1 to remove the weight
 */
void
ft_history_set_message_weight (FtHistory *self,
                               FtMessage *message,
                               int        weight)
{
  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (weight >= -1 && weight <= 1);

  set_member (self, message, "weight", weight >= 0 ? g_strdup_printf ("%d", weight) : NULL,
              _("Change Weight"), FALSE);
}

/**
 * ft_history_set_message_member:
 * @self: a #FtHistory
 * @message: a message
 * @name: any key
 * @value: (nullable): the new value; %NULL removes the key
 */
void
ft_history_set_message_member (FtHistory  *self,
                               FtMessage  *message,
                               const char *name,
                               JsonNode   *value)
{
  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (name != NULL);

  set_member (self, message, name, value != NULL ? ft_json_node_to_string (value) : NULL,
              _("Edit Message"), FALSE);
}

/**
 * ft_history_insert_message:
 * @self: a #FtHistory
 * @example: an example
 * @list: which of its lists
 * @position: where
 * @message: a message in no example
 */
void
ft_history_insert_message (FtHistory     *self,
                           FtExample     *example,
                           FtMessageList  list,
                           guint          position,
                           FtMessage     *message)
{
  GListModel *messages;
  MessageCommand *command;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_EXAMPLE (example));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (_ft_message_get_example (message) == NULL);
  g_return_if_fail (!ft_example_get_broken (example));
  g_return_if_fail (ft_example_get_kind (example) != FT_EXAMPLE_KIND_NOT_OBJECT);

  messages = ft_example_get_message_list (example, list);
  g_return_if_fail (position <= g_list_model_get_n_items (messages));

  command = command_new (&insert_message_class, sizeof (MessageCommand), _("Add Message"));
  command->example = g_object_ref (example);
  command->message = g_object_ref (message);
  command->list = list;
  command->position = position;
  push (self, &command->parent);
}

/**
 * ft_history_remove_message:
 * @self: a #FtHistory
 * @example: an example
 * @list: which of its lists
 * @position: the message to delete
 */
void
ft_history_remove_message (FtHistory     *self,
                           FtExample     *example,
                           FtMessageList  list,
                           guint          position)
{
  GListModel *messages;
  MessageCommand *command;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_EXAMPLE (example));

  messages = ft_example_get_message_list (example, list);
  g_return_if_fail (position < g_list_model_get_n_items (messages));

  command = command_new (&remove_message_class, sizeof (MessageCommand), _("Delete Message"));
  command->example = g_object_ref (example);
  command->message = g_list_model_get_item (messages, position);
  command->list = list;
  command->position = position;
  push (self, &command->parent);
}

/**
 * ft_history_move_message:
 * @self: a #FtHistory
 * @example: an example
 * @list: which of its lists
 * @from: the position of a message
 * @to: its new position
 */
void
ft_history_move_message (FtHistory     *self,
                         FtExample     *example,
                         FtMessageList  list,
                         guint          from,
                         guint          to)
{
  GListModel *messages;
  MessageCommand *command;
  guint n;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_EXAMPLE (example));

  messages = ft_example_get_message_list (example, list);
  n = g_list_model_get_n_items (messages);
  g_return_if_fail (from < n);
  g_return_if_fail (to < n);

  if (from == to)
    return;

  command = command_new (&move_message_class, sizeof (MessageCommand), _("Move Message"));
  command->example = g_object_ref (example);
  command->message = g_list_model_get_item (messages, from);
  command->list = list;
  command->position = from;
  command->to = to;
  push (self, &command->parent);
}

/* Edits the editor needs beyond setting a member: each is worked out on a
 * copy of the message with FtMessage's own API, then recorded as a change
 * of the member, so undo restores its exact text.
 */
static void
set_member_from_copy (FtHistory  *self,
                      FtMessage  *message,
                      FtMessage  *copy,
                      const char *name,
                      const char *label,
                      gboolean    mergeable)
{
  set_member (self, message, name, _ft_message_dup_member_text (copy, name), label, mergeable);
}

/**
 * ft_history_set_message_part_text:
 * @self: a #FtHistory
 * @message: a message whose content is a list of parts
 * @index: a text part
 * @text: its new text
 *
 * Sets the text of one content part; typing merges as with
 * ft_history_set_message_content().
 */
void
ft_history_set_message_part_text (FtHistory  *self,
                                  FtMessage  *message,
                                  guint       index,
                                  const char *text)
{
  g_autoptr(FtMessage) copy = NULL;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (index < ft_message_get_n_parts (message));
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));

  copy = ft_message_copy (message);
  ft_message_set_part_text (copy, index, text);
  set_member_from_copy (self, message, copy, "content", _("Edit Message"), TRUE);
}

/**
 * ft_history_append_tool_call:
 * @self: a #FtHistory
 * @message: an assistant message
 * @id: the call's ID
 * @function_name: the function called
 * @arguments: the arguments, JSON in a string
 *
 * Like ft_message_append_tool_call(), recorded.
 */
void
ft_history_append_tool_call (FtHistory  *self,
                             FtMessage  *message,
                             const char *id,
                             const char *function_name,
                             const char *arguments)
{
  g_autoptr(FtMessage) copy = NULL;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_MESSAGE (message));

  copy = ft_message_copy (message);
  ft_message_append_tool_call (copy, id, function_name, arguments);
  set_member_from_copy (self, message, copy, "tool_calls", _("Add Tool Call"), FALSE);
}

/**
 * ft_history_set_tool_call:
 * @self: a #FtHistory
 * @message: a message with tool calls
 * @index: which call
 * @function_name: (nullable): the new function name, or %NULL to keep it
 * @arguments: (nullable): the new arguments, or %NULL to keep them
 *
 * Like ft_message_set_tool_call_function(), recorded; typing into the
 * same message's calls merges into one step.
 */
void
ft_history_set_tool_call (FtHistory  *self,
                          FtMessage  *message,
                          guint       index,
                          const char *function_name,
                          const char *arguments)
{
  g_autoptr(FtMessage) copy = NULL;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (index < ft_message_get_n_tool_calls (message));

  copy = ft_message_copy (message);
  ft_message_set_tool_call_function (copy, index, function_name, arguments);
  set_member_from_copy (self, message, copy, "tool_calls", _("Edit Tool Call"), TRUE);
}

/**
 * ft_history_remove_tool_call:
 * @self: a #FtHistory
 * @message: a message with tool calls
 * @index: which call
 *
 * Like ft_message_remove_tool_call(), recorded.
 */
void
ft_history_remove_tool_call (FtHistory *self,
                             FtMessage *message,
                             guint      index)
{
  g_autoptr(FtMessage) copy = NULL;

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_MESSAGE (message));
  g_return_if_fail (index < ft_message_get_n_tool_calls (message));

  copy = ft_message_copy (message);
  ft_message_remove_tool_call (copy, index);
  set_member_from_copy (self, message, copy, "tool_calls", _("Remove Tool Call"), FALSE);
}

static gboolean
node_equal (JsonNode *a,
            JsonNode *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  text_a = ft_json_node_to_string (a);
  text_b = ft_json_node_to_string (b);

  return strcmp (text_a, text_b) == 0;
}

/**
 * ft_history_set_example_member:
 * @self: a #FtHistory
 * @example: an example (an object)
 * @name: a top-level key other than the message lists: "tools" (which a
 *   preference example keeps in its "input"), "parallel_tool_calls", the
 *   data of a grader…
 * @value: (nullable): the new value; %NULL removes the key
 * @label: (nullable): the step's name for the menu, such as "Edit Tools"
 *
 * Sets a top-level member; successive calls for the same member less than
 * a second apart (typing in an editor of it) make one step.
 */
void
ft_history_set_example_member (FtHistory  *self,
                               FtExample  *example,
                               const char *name,
                               JsonNode   *value,
                               const char *label)
{
  g_autoptr(JsonNode) old_value = NULL;
  ExampleMemberCommand *command;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (FT_IS_HISTORY (self));
  g_return_if_fail (FT_IS_EXAMPLE (example));
  g_return_if_fail (name != NULL);
  g_return_if_fail (strcmp (name, "messages") != 0);

  old_value = dup_example_member (example, name);
  if (node_equal (old_value, value))
    return;

  if (self->merge_target != NULL && self->merge_target->klass == &example_member_class
      && now - self->merge_time < MERGE_INTERVAL
      && self->groups->len == 0 && self->redo_stack->len == 0 && self->undo_stack->len > 0
      && g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1) == self->merge_target)
    {
      ExampleMemberCommand *target = (ExampleMemberCommand *)self->merge_target;

      if (target->example == example && strcmp (target->name, name) == 0)
        {
          g_clear_pointer (&target->new_value, json_node_unref);
          target->new_value = value != NULL ? json_node_copy (value) : NULL;
          self->merge_time = now;

          self->busy++;
          set_example_member (example, name, target->new_value);
          self->busy--;

          if (self->saved_depth == (gint64)self->undo_stack->len)
            self->saved_depth = -1;
          update_modified (self);
          return;
        }
    }

  command = command_new (&example_member_class, sizeof (ExampleMemberCommand),
                         label != NULL ? label : _("Edit Example"));
  command->example = g_object_ref (example);
  command->name = g_strdup (name);
  command->old_value = g_steal_pointer (&old_value);
  command->new_value = value != NULL ? json_node_copy (value) : NULL;
  push (self, &command->parent);

  self->merge_target = self->groups->len == 0 ? &command->parent : NULL;
  self->merge_time = now;
}
