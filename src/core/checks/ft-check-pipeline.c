/* ft-check-pipeline.c
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ft-check-pipeline"

#include "config.h"

#include "ft-check-pipeline.h"
#include "ft-jsonl-reader.h"
#include "ft-thread.h"

#include <string.h>

/* A batch is cut at this many lines or bytes, whichever comes first. */
#define BATCH_MAX_LINES 256
#define BATCH_MAX_BYTES (256 * 1024)
/* Batches in flight per worker: enough to keep workers busy while the
 * reader waits for the oldest one, few enough to bound memory.
 */
#define BATCHES_PER_WORKER 4
/* Lines looked at to decide what the file is for. */
#define DETECT_LINES 64
/* Progress is reported to the main context at most this often (µs). */
#define PROGRESS_INTERVAL (100 * 1000)

struct _FtCheckPipeline
{
  GObject         parent_instance;

  FtValidator    *validator;
  FtReportFunc    report_func;
  gpointer        report_data;
  GDestroyNotify  report_destroy;
  guint           n_workers;
  guint           keep_reports : 1;
  guint           background : 1;
};

G_DEFINE_FINAL_TYPE (FtCheckPipeline, ft_check_pipeline, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALIDATOR,
  PROP_N_WORKERS,
  PROP_KEEP_REPORTS,
  PROP_BACKGROUND,
  N_PROPS
};

enum {
  PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

typedef struct
{
  gsize        offset;          /* of the text in Batch.text */
  gsize        length;
  guint64      number;
  gint64       index;
  FtLineStatus status;
  gsize        invalid_offset;
} BatchLine;

typedef struct
{
  guint64     seq;
  GByteArray *text;
  GArray     *lines;            /* of BatchLine */
  GPtrArray  *reports;          /* filled by a worker */
} Batch;

/* Where lines come from: a stream through the JSONL reader, or an array. */
typedef struct
{
  FtJsonlReader     *reader;
  const FtCheckLine *items;
  gsize              n_items;
  gsize              position;
} Source;

/* One run. Workers read only the validator (immutable during the run). */
typedef struct
{
  FtValidator      *validator;
  GAsyncQueue      *input;
  GAsyncQueue      *output;
  GPtrArray        *threads;
  GHashTable       *done;       /* seq → Batch, finished out of order */
  GPtrArray        *pending;    /* batches held back until detection */
  FtSummaryBuilder *builder;
  GPtrArray        *reports;    /* kept reports, or NULL */
  FtReportFunc      report_func;
  gpointer          report_data;
  guint64           next_seq;
  guint64           next_to_deliver;
  guint             in_flight;
  guint             max_in_flight;
  guint             kinds[FT_LINE_N_KINDS];
  guint             n_detected;
  gboolean          detecting;
  gboolean          background;
} Run;

static Batch *
batch_new (guint64 seq)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->seq = seq;
  batch->text = g_byte_array_new ();
  batch->lines = g_array_new (FALSE, FALSE, sizeof (BatchLine));

  return batch;
}

static void
batch_free (Batch *batch)
{
  g_byte_array_unref (batch->text);
  g_array_unref (batch->lines);
  g_clear_pointer (&batch->reports, g_ptr_array_unref);
  g_free (batch);
}

/* The sentinel that stops a worker. */
static Batch stop_batch;

/* Checks one line. The strict scan of the JSONL reader finds syntax
 * errors (with a column) and nesting too deep for json-glib's recursive
 * parser; json-glib then builds the tree with a parser the worker reuses:
 * a new immutable parser per line costs about 8% more, mostly hashing
 * every string to seal the tree.
 */
static FtExampleReport *
check_batch_line (FtValidator     *validator,
                  JsonParser      *parser,
                  Batch           *batch,
                  const BatchLine *entry)
{
  FtJsonlLine line;

  /* Line number 0: the message names only the column; the finding itself
   * carries the line.
   */
  line.number = 0;
  line.offset = 0;
  line.text = (const char *)batch->text->data + entry->offset;
  line.length = entry->length;
  line.status = entry->status;
  line.invalid_offset = entry->invalid_offset;

  return ft_validator_check_line (validator, &line, entry->number, entry->index, parser);
}

static gpointer
check_worker (gpointer data)
{
  Run *run = data;
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* With two cores and as many workers, a GUI's main loop would
   * otherwise stall while a big file is checked.
   */
  if (run->background)
    ft_thread_lower_priority ();

  for (;;)
    {
      Batch *batch = g_async_queue_pop (run->input);

      if (batch == &stop_batch)
        break;

      batch->reports = g_ptr_array_new_full (batch->lines->len,
                                             (GDestroyNotify)ft_example_report_unref);
      for (guint i = 0; i < batch->lines->len; i++)
        g_ptr_array_add (batch->reports,
                         check_batch_line (run->validator, parser, batch,
                                           &g_array_index (batch->lines, BatchLine, i)));

      g_async_queue_push (run->output, batch);
    }

  return NULL;
}

static void
deliver_batch (Run   *run,
               Batch *batch)
{
  for (guint i = 0; i < batch->reports->len; i++)
    {
      FtExampleReport *report = g_ptr_array_index (batch->reports, i);

      ft_summary_builder_add (run->builder, report);
      if (run->report_func != NULL)
        run->report_func (report, run->report_data);
      if (run->reports != NULL)
        g_ptr_array_add (run->reports, ft_example_report_ref (report));
    }

  batch_free (batch);
}

/* Takes finished batches off the output queue, blocking while too many
 * are in flight (or until all are done with drain_all), and delivers
 * those that are next in line order.
 */
static void
collect_batches (Run      *run,
                 gboolean  drain_all)
{
  for (;;)
    {
      Batch *batch;
      gboolean must_wait = drain_all ? run->in_flight > 0 : run->in_flight >= run->max_in_flight;

      batch = must_wait ? g_async_queue_pop (run->output) : g_async_queue_try_pop (run->output);
      if (batch == NULL)
        return;

      run->in_flight--;
      g_hash_table_insert (run->done, &batch->seq, batch);

      while ((batch = g_hash_table_lookup (run->done, &run->next_to_deliver)) != NULL)
        {
          g_hash_table_remove (run->done, &run->next_to_deliver);
          run->next_to_deliver++;
          deliver_batch (run, batch);
        }
    }
}

static void
dispatch_batch (Run   *run,
                Batch *batch)
{
  run->in_flight++;
  g_async_queue_push (run->input, batch);
  collect_batches (run, FALSE);
}

/* Decides the method from the first lines, then lets held batches go. */
static void
finish_detection (Run *run)
{
  if (!run->detecting)
    return;

  run->detecting = FALSE;
  ft_validator_set_method (run->validator,
                           ft_validator_detect_method (run->kinds, FT_LINE_N_KINDS));
  g_debug ("Checking as %s data (decided from %u lines)",
           ft_dataset_method_to_string (ft_validator_get_method (run->validator)),
           run->n_detected);

  /* The builder must know the method before the first report. */
  run->builder = ft_summary_builder_new (run->validator);

  for (guint i = 0; i < run->pending->len; i++)
    dispatch_batch (run, g_ptr_array_index (run->pending, i));
  g_ptr_array_set_size (run->pending, 0);
}

static void
detect_line (Run               *run,
             const FtJsonlLine *line)
{
  g_autoptr(JsonNode) node = NULL;

  if (line->status != FT_LINE_OK)
    return;

  node = ft_jsonl_parse_line (line, NULL, NULL);
  if (node != NULL)
    run->kinds[ft_validator_classify_node (node)]++;

  if (++run->n_detected >= DETECT_LINES)
    finish_detection (run);
}

static void
submit_batch (Run   *run,
              Batch *batch)
{
  if (batch->lines->len == 0)
    {
      batch_free (batch);
      return;
    }

  if (run->detecting)
    g_ptr_array_add (run->pending, batch);
  else
    dispatch_batch (run, batch);
}

static gboolean
source_next (Source        *source,
             FtJsonlLine   *line,
             GCancellable  *cancellable,
             GError       **error)
{
  const FtCheckLine *item;

  /* Streams such as memory streams do not look at the cancellable. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (source->reader != NULL)
    return ft_jsonl_reader_next (source->reader, line, cancellable, error);

  if (source->position >= source->n_items)
    return FALSE;

  item = &source->items[source->position];
  ft_jsonl_line_init (line, item->line, item->text,
                      item->length > 0 ? item->length : strlen (item->text));
  source->position++;
  return TRUE;
}

typedef void (*ProgressFunc) (guint64  bytes_read,
                              guint64  n_lines,
                              gpointer user_data);

static FtValidationSummary *
run_pipeline (FtCheckPipeline  *self,
              Source           *source,
              GPtrArray       **reports,
              ProgressFunc      progress,
              gpointer          progress_data,
              GCancellable     *cancellable,
              GError          **error)
{
  Run run = { 0 };
  Batch *batch;
  FtJsonlLine line;
  guint n_workers;
  gint64 index = 0;
  gint64 last_progress = g_get_monotonic_time ();
  guint64 n_lines = 0;
  g_autoptr(GError) local_error = NULL;
  FtValidationSummary *summary = NULL;

  /* A private copy: the caller may change its validator meanwhile. */
  run.validator = ft_validator_copy (self->validator);
  if (!ft_validator_prepare (run.validator, error))
    {
      g_object_unref (run.validator);
      return NULL;
    }

  n_workers = self->n_workers > 0 ? self->n_workers : MAX (1, g_get_num_processors ());
  run.detecting = ft_validator_get_method (run.validator) == FT_DATASET_METHOD_AUTO &&
                  !ft_validator_get_notebook (run.validator);
  run.input = g_async_queue_new ();
  run.output = g_async_queue_new ();
  run.threads = g_ptr_array_new ();
  run.done = g_hash_table_new (g_int64_hash, g_int64_equal);
  run.pending = g_ptr_array_new ();
  run.max_in_flight = n_workers * BATCHES_PER_WORKER;
  run.report_func = self->report_func;
  run.report_data = self->report_data;
  run.background = self->background;
  if (self->keep_reports || reports != NULL)
    run.reports = g_ptr_array_new_with_free_func ((GDestroyNotify)ft_example_report_unref);

  if (!run.detecting)
    run.builder = ft_summary_builder_new (run.validator);

  for (guint i = 0; i < n_workers; i++)
    g_ptr_array_add (run.threads, g_thread_new ("ft-check-worker", check_worker, &run));

  batch = batch_new (run.next_seq++);

  while (source_next (source, &line, cancellable, &local_error))
    {
      BatchLine entry;

      entry.offset = batch->text->len;
      entry.length = line.length;
      entry.number = line.number;
      entry.index = line.status == FT_LINE_BLANK ? -1 : index++;
      entry.status = line.status;
      entry.invalid_offset = line.invalid_offset;
      g_byte_array_append (batch->text, (const guint8 *)line.text, line.length);
      g_byte_array_append (batch->text, (const guint8 *)"", 1);
      g_array_append_val (batch->lines, entry);
      n_lines++;

      if (run.detecting)
        detect_line (&run, &line);

      if (batch->lines->len >= BATCH_MAX_LINES || batch->text->len >= BATCH_MAX_BYTES)
        {
          submit_batch (&run, batch);
          batch = batch_new (run.next_seq++);
        }

      if (progress != NULL && g_get_monotonic_time () - last_progress >= PROGRESS_INTERVAL)
        {
          last_progress = g_get_monotonic_time ();
          progress (source->reader != NULL ? ft_jsonl_reader_get_bytes_read (source->reader) : 0,
                    n_lines, progress_data);
        }
    }

  finish_detection (&run);
  if (local_error == NULL)
    submit_batch (&run, batch);
  else
    batch_free (batch);

  /* Wait for everything in flight, then stop the workers. */
  collect_batches (&run, TRUE);
  for (guint i = 0; i < run.threads->len; i++)
    g_async_queue_push (run.input, &stop_batch);
  for (guint i = 0; i < run.threads->len; i++)
    g_thread_join (g_ptr_array_index (run.threads, i));

  g_assert (g_hash_table_size (run.done) == 0);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ft_summary_builder_free (run.builder);
    }
  else
    {
      summary = ft_summary_builder_finish (run.builder);
      if (progress != NULL)
        progress (source->reader != NULL ? ft_jsonl_reader_get_bytes_read (source->reader) : 0,
                  n_lines, progress_data);
      if (reports != NULL)
        *reports = g_steal_pointer (&run.reports);
    }

  g_clear_pointer (&run.reports, g_ptr_array_unref);
  g_ptr_array_unref (run.pending);
  g_hash_table_unref (run.done);
  g_ptr_array_unref (run.threads);
  g_async_queue_unref (run.input);
  g_async_queue_unref (run.output);
  g_object_unref (run.validator);

  return summary;
}

/* GObject */

static void
ft_check_pipeline_finalize (GObject *object)
{
  FtCheckPipeline *self = (FtCheckPipeline *)object;

  if (self->report_destroy != NULL)
    self->report_destroy (self->report_data);
  g_clear_object (&self->validator);

  G_OBJECT_CLASS (ft_check_pipeline_parent_class)->finalize (object);
}

static void
ft_check_pipeline_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FtCheckPipeline *self = FT_CHECK_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_VALIDATOR:
      g_value_set_object (value, self->validator);
      break;

    case PROP_N_WORKERS:
      g_value_set_uint (value, self->n_workers);
      break;

    case PROP_KEEP_REPORTS:
      g_value_set_boolean (value, self->keep_reports);
      break;

    case PROP_BACKGROUND:
      g_value_set_boolean (value, self->background);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_check_pipeline_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FtCheckPipeline *self = FT_CHECK_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_VALIDATOR:
      self->validator = g_value_dup_object (value);
      break;

    case PROP_N_WORKERS:
      ft_check_pipeline_set_n_workers (self, g_value_get_uint (value));
      break;

    case PROP_KEEP_REPORTS:
      ft_check_pipeline_set_keep_reports (self, g_value_get_boolean (value));
      break;

    case PROP_BACKGROUND:
      ft_check_pipeline_set_background (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ft_check_pipeline_class_init (FtCheckPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ft_check_pipeline_finalize;
  object_class->get_property = ft_check_pipeline_get_property;
  object_class->set_property = ft_check_pipeline_set_property;

  properties [PROP_VALIDATOR] =
    g_param_spec_object ("validator", NULL, NULL,
                         FT_TYPE_VALIDATOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * FtCheckPipeline:n-workers:
   *
   * The worker threads that parse, count and check; 0 for one per core.
   */
  properties [PROP_N_WORKERS] =
    g_param_spec_uint ("n-workers", NULL, NULL,
                       0, 256, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtCheckPipeline:keep-reports:
   *
   * Whether runs return every report (the GUI keeps them); otherwise
   * reports are dropped once delivered and memory stays flat.
   */
  properties [PROP_KEEP_REPORTS] =
    g_param_spec_boolean ("keep-reports", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FtCheckPipeline:background:
   *
   * Whether the worker threads run at a lower priority, so that a GUI's
   * main thread gets the CPU first; the CLI leaves it off.
   */
  properties [PROP_BACKGROUND] =
    g_param_spec_boolean ("background", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FtCheckPipeline::progress:
   * @self: a #FtCheckPipeline
   * @bytes_read: the bytes read from the stream so far
   * @n_lines: the lines read so far
   *
   * Emitted in the main context of ft_check_pipeline_run_async() while it
   * runs, at most ten times a second, and once at the end.
   */
  signals [PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
ft_check_pipeline_init (FtCheckPipeline *self)
{
}

/* Public API */

/**
 * ft_check_pipeline_new:
 * @validator: the validator with the options to check with
 *
 * Creates the parallel checking engine: one reader splits the input into
 * batches of lines, worker threads parse them with json-glib, count and
 * check, and the reports come back in line order. A run uses a copy of
 * @validator; when its method is automatic, the method is decided from
 * the first lines.
 *
 * Returns: (transfer full): a new #FtCheckPipeline
 */
FtCheckPipeline *
ft_check_pipeline_new (FtValidator *validator)
{
  g_return_val_if_fail (FT_IS_VALIDATOR (validator), NULL);

  return g_object_new (FT_TYPE_CHECK_PIPELINE, "validator", validator, NULL);
}

FtValidator *
ft_check_pipeline_get_validator (FtCheckPipeline *self)
{
  g_return_val_if_fail (FT_IS_CHECK_PIPELINE (self), NULL);

  return self->validator;
}

guint
ft_check_pipeline_get_n_workers (FtCheckPipeline *self)
{
  g_return_val_if_fail (FT_IS_CHECK_PIPELINE (self), 0);

  return self->n_workers;
}

/**
 * ft_check_pipeline_set_n_workers:
 * @self: a #FtCheckPipeline
 * @n_workers: the number of worker threads, or 0 for one per core
 */
void
ft_check_pipeline_set_n_workers (FtCheckPipeline *self,
                                 guint            n_workers)
{
  g_return_if_fail (FT_IS_CHECK_PIPELINE (self));

  if (self->n_workers == n_workers)
    return;

  self->n_workers = n_workers;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_WORKERS]);
}

gboolean
ft_check_pipeline_get_keep_reports (FtCheckPipeline *self)
{
  g_return_val_if_fail (FT_IS_CHECK_PIPELINE (self), FALSE);

  return self->keep_reports;
}

/**
 * ft_check_pipeline_set_keep_reports:
 * @self: a #FtCheckPipeline
 * @keep_reports: whether runs return every report
 */
void
ft_check_pipeline_set_keep_reports (FtCheckPipeline *self,
                                    gboolean         keep_reports)
{
  g_return_if_fail (FT_IS_CHECK_PIPELINE (self));

  keep_reports = !!keep_reports;
  if (self->keep_reports == (guint)keep_reports)
    return;

  self->keep_reports = keep_reports;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEEP_REPORTS]);
}

gboolean
ft_check_pipeline_get_background (FtCheckPipeline *self)
{
  g_return_val_if_fail (FT_IS_CHECK_PIPELINE (self), FALSE);

  return self->background;
}

/**
 * ft_check_pipeline_set_background:
 * @self: a #FtCheckPipeline
 * @background: whether the workers yield the CPU to other threads
 */
void
ft_check_pipeline_set_background (FtCheckPipeline *self,
                                  gboolean         background)
{
  g_return_if_fail (FT_IS_CHECK_PIPELINE (self));

  background = !!background;
  if (self->background == (guint)background)
    return;

  self->background = background;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BACKGROUND]);
}

/**
 * ft_check_pipeline_set_report_func:
 * @self: a #FtCheckPipeline
 * @func: (nullable): called with each report, in line order, in the
 *   thread that runs the pipeline
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Lets a caller stream findings out (the CLI prints them as they come).
 */
void
ft_check_pipeline_set_report_func (FtCheckPipeline *self,
                                   FtReportFunc     func,
                                   gpointer         user_data,
                                   GDestroyNotify   destroy)
{
  g_return_if_fail (FT_IS_CHECK_PIPELINE (self));

  if (self->report_destroy != NULL)
    self->report_destroy (self->report_data);

  self->report_func = func;
  self->report_data = user_data;
  self->report_destroy = destroy;
}

/**
 * ft_check_pipeline_run:
 * @self: a #FtCheckPipeline
 * @stream: JSONL input
 * @reports: (out) (optional) (transfer full) (element-type FtExampleReport):
 *   every line's report
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks a whole stream, blocking (use it from a worker thread or the
 * CLI). Memory stays flat unless reports are kept.
 *
 * Returns: (transfer full): the summary, or %NULL with @error set when
 *   the stream cannot be read or the run is cancelled
 */
FtValidationSummary *
ft_check_pipeline_run (FtCheckPipeline  *self,
                       GInputStream     *stream,
                       GPtrArray       **reports,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(FtJsonlReader) reader = NULL;
  Source source = { 0 };

  g_return_val_if_fail (FT_IS_CHECK_PIPELINE (self), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = ft_jsonl_reader_new (stream);
  source.reader = reader;

  return run_pipeline (self, &source, reports, NULL, NULL, cancellable, error);
}

/**
 * ft_check_pipeline_run_lines:
 * @self: a #FtCheckPipeline
 * @lines: (array length=n_lines): the examples as text, with their lines
 * @n_lines: the number of lines
 * @reports: (out) (optional) (transfer full) (element-type FtExampleReport):
 *   every line's report
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks examples given as text (the GUI's edited examples, as compact
 * JSON), blocking.
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 */
FtValidationSummary *
ft_check_pipeline_run_lines (FtCheckPipeline    *self,
                             const FtCheckLine  *lines,
                             gsize               n_lines,
                             GPtrArray         **reports,
                             GCancellable       *cancellable,
                             GError            **error)
{
  Source source = { 0 };

  g_return_val_if_fail (FT_IS_CHECK_PIPELINE (self), NULL);
  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source.items = lines;
  source.n_items = n_lines;

  return run_pipeline (self, &source, reports, NULL, NULL, cancellable, error);
}

/* Async */

typedef struct
{
  GInputStream        *stream;
  FtValidationSummary *summary;
  GPtrArray           *reports;
  GMainContext        *context;
  FtCheckPipeline     *self;
} RunData;

typedef struct
{
  FtCheckPipeline *self;
  guint64          bytes_read;
  guint64          n_lines;
} ProgressData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->stream);
  g_clear_object (&data->summary);
  g_clear_pointer (&data->reports, g_ptr_array_unref);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static gboolean
emit_progress_cb (gpointer user_data)
{
  ProgressData *progress = user_data;

  g_signal_emit (progress->self, signals [PROGRESS], 0, progress->bytes_read, progress->n_lines);
  return G_SOURCE_REMOVE;
}

static void
free_progress (gpointer user_data)
{
  ProgressData *progress = user_data;

  g_object_unref (progress->self);
  g_free (progress);
}

static void
report_progress (guint64  bytes_read,
                 guint64  n_lines,
                 gpointer user_data)
{
  RunData *data = user_data;
  ProgressData *progress = g_new0 (ProgressData, 1);

  progress->self = g_object_ref (data->self);
  progress->bytes_read = bytes_read;
  progress->n_lines = n_lines;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, emit_progress_cb,
                              progress, free_progress);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  FtCheckPipeline *self = source_object;
  RunData *data = task_data;
  g_autoptr(FtJsonlReader) reader = ft_jsonl_reader_new (data->stream);
  g_autoptr(GError) error = NULL;
  Source source = { 0 };

  source.reader = reader;
  data->summary = run_pipeline (self, &source, self->keep_reports ? &data->reports : NULL,
                                report_progress, data, cancellable, &error);

  if (data->summary == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * ft_check_pipeline_run_async:
 * @self: a #FtCheckPipeline
 * @stream: JSONL input; read in a worker thread
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the current main context when done
 * @user_data: data for @callback
 *
 * Checks a stream in a worker thread. #FtCheckPipeline::progress is
 * emitted in the current main context meanwhile. The report function, if
 * any, runs in the worker thread: the GUI should keep reports instead.
 */
void
ft_check_pipeline_run_async (FtCheckPipeline     *self,
                             GInputStream        *stream,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (FT_IS_CHECK_PIPELINE (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (RunData, 1);
  data->stream = g_object_ref (stream);
  data->context = g_main_context_ref_thread_default ();
  data->self = self;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ft_check_pipeline_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify)run_data_free);
  g_task_run_in_thread (task, run_worker);
}

/**
 * ft_check_pipeline_run_finish:
 * @self: a #FtCheckPipeline
 * @result: the result
 * @reports: (out) (optional) (transfer full) (element-type FtExampleReport):
 *   every line's report, when #FtCheckPipeline:keep-reports is set
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 */
FtValidationSummary *
ft_check_pipeline_run_finish (FtCheckPipeline  *self,
                              GAsyncResult     *result,
                              GPtrArray       **reports,
                              GError          **error)
{
  RunData *data;

  g_return_val_if_fail (FT_IS_CHECK_PIPELINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (reports != NULL)
    *reports = g_steal_pointer (&data->reports);

  return g_steal_pointer (&data->summary);
}
