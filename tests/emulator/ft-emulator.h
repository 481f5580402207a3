/* ft-emulator.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FtEmulatorFault:
 * @FT_EMULATOR_FAULT_HTTP_401: answer 401 `invalid_api_key`
 * @FT_EMULATOR_FAULT_HTTP_404: answer 404 `not_found`
 * @FT_EMULATOR_FAULT_HTTP_429: answer 429 `rate_limit_exceeded` with the
 *   Retry-After set by ft_emulator_set_retry_after()
 * @FT_EMULATOR_FAULT_HTTP_429_QUOTA: answer 429 `insufficient_quota`
 * @FT_EMULATOR_FAULT_HTTP_500: answer 500 `server_error`
 * @FT_EMULATOR_FAULT_MALFORMED_JSON: answer 200 with a body that is not JSON
 * @FT_EMULATOR_FAULT_RESET: close the connection instead of answering
 * @FT_EMULATOR_FAULT_RESET_MID_BODY: close the connection after 64 KiB
 *   of the request body
 * @FT_EMULATOR_FAULT_STALL: never answer
 * @FT_EMULATOR_FAULT_SSE_CUT: end a stream in the middle, without [DONE]
 * @FT_EMULATOR_FAULT_SSE_STALL: stop sending in the middle of a stream and
 *   keep the connection open
 * @FT_EMULATOR_FAULT_SSE_ERROR: send an `error` payload in the middle of a
 *   stream
 * @FT_EMULATOR_FAULT_SLOW: wait the stream delay before answering, and
 *   between stream chunks
 * @FT_EMULATOR_FAULT_BREAK_SCHEMA: answer 200 with a model list that
 *   breaks the spec (a numeric id), to show that the contract check bites
 *
 * Failures the emulator produces on demand, for the next N requests that
 * match a pattern.
 */
typedef enum
{
  FT_EMULATOR_FAULT_HTTP_401,
  FT_EMULATOR_FAULT_HTTP_404,
  FT_EMULATOR_FAULT_HTTP_429,
  FT_EMULATOR_FAULT_HTTP_429_QUOTA,
  FT_EMULATOR_FAULT_HTTP_500,
  FT_EMULATOR_FAULT_MALFORMED_JSON,
  FT_EMULATOR_FAULT_RESET,
  FT_EMULATOR_FAULT_RESET_MID_BODY,
  FT_EMULATOR_FAULT_STALL,
  FT_EMULATOR_FAULT_SSE_CUT,
  FT_EMULATOR_FAULT_SSE_STALL,
  FT_EMULATOR_FAULT_SSE_ERROR,
  FT_EMULATOR_FAULT_SLOW,
  FT_EMULATOR_FAULT_BREAK_SCHEMA,
} FtEmulatorFault;

#define FT_TYPE_EMULATOR (ft_emulator_get_type ())

G_DECLARE_FINAL_TYPE (FtEmulator, ft_emulator, FT, EMULATOR, GObject)

FtEmulator *ft_emulator_new                    (void);
gboolean    ft_emulator_start                  (FtEmulator       *self,
                                                guint             port,
                                                GError          **error);
void        ft_emulator_reset                  (FtEmulator       *self);
guint       ft_emulator_get_port               (FtEmulator       *self);
char       *ft_emulator_dup_base_url           (FtEmulator       *self);

void        ft_emulator_set_api_key            (FtEmulator       *self,
                                                const char       *api_key);
void        ft_emulator_set_retry_after        (FtEmulator       *self,
                                                const char       *retry_after);
void        ft_emulator_set_should_retry       (FtEmulator       *self,
                                                const char       *should_retry);
void        ft_emulator_set_stream_delay       (FtEmulator       *self,
                                                guint             delay_ms);
void        ft_emulator_set_steps_per_epoch    (FtEmulator       *self,
                                                guint             steps);
void        ft_emulator_set_results_base64     (FtEmulator       *self,
                                                gboolean          base64);
void        ft_emulator_set_auto_step          (FtEmulator       *self,
                                                guint             interval_ms);

void        ft_emulator_add_fault              (FtEmulator       *self,
                                                const char       *pattern,
                                                FtEmulatorFault   fault,
                                                guint             count);
void        ft_emulator_clear_faults           (FtEmulator       *self);

guint       ft_emulator_count_requests         (FtEmulator       *self,
                                                const char       *pattern);
void        ft_emulator_clear_log              (FtEmulator       *self);
const char *ft_emulator_get_last_header        (FtEmulator       *self,
                                                const char       *name);
const char *ft_emulator_get_last_body          (FtEmulator       *self);
const char *ft_emulator_get_last_query         (FtEmulator       *self);

guint       ft_emulator_step                   (FtEmulator       *self);
void        ft_emulator_run_jobs               (FtEmulator       *self);
const char *ft_emulator_get_job_status         (FtEmulator       *self,
                                                const char       *job_id);
const char *ft_emulator_get_upload_status      (FtEmulator       *self,
                                                const char       *upload_id);
guint       ft_emulator_get_n_files            (FtEmulator       *self);
const char *ft_emulator_get_file_sha256        (FtEmulator       *self,
                                                const char       *file_id);
gint64      ft_emulator_get_largest_chunk      (FtEmulator       *self);
guint       ft_emulator_get_peak_uploads       (FtEmulator       *self);

G_END_DECLS
