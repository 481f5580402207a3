/* ft-client-test-utils.h
 *
 * Copyright 2026 The Exemplar developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ft-client.h"
#include "ft-emulator.h"

G_BEGIN_DECLS

#define TEST_API_KEY "sk-test-Exemplar-9f8e7d6c5b4a"

typedef struct
{
  FtEmulator *emulator;
  FtProvider *provider;
  FtClient   *client;
  char       *tmpdir;
} ClientFixture;

void          client_test_init          (gboolean        proxy);
int           client_test_finish        (int             status);
gboolean      client_test_through_proxy (void);
GPtrArray    *client_test_get_violations (void);
void          client_test_set_prefer    (const char     *prefer);
char         *client_test_start_prism   (const char     *mode,
                                         const char     *upstream);
void          client_test_stop_prism    (void);
gboolean      client_test_check_chunks  (const char     *chunks,
                                         char          **output);

void          client_fixture_setup      (ClientFixture  *fixture,
                                         gconstpointer   data);
void          client_fixture_teardown   (ClientFixture  *fixture,
                                         gconstpointer   data);

GAsyncResult *wait_for_result           (GAsyncResult  **slot);
void          store_result_cb           (GObject        *object,
                                         GAsyncResult   *result,
                                         gpointer        user_data);
GFile        *write_jsonl               (ClientFixture  *fixture,
                                         const char     *name,
                                         guint           n_lines);

FtFile       *upload_sync               (FtClient       *client,
                                         GFile          *file,
                                         gboolean       *reused,
                                         GError        **error);
FtJob        *create_job_sync           (FtClient       *client,
                                         FtJobParams    *params,
                                         GError        **error);
FtJob        *job_sync                  (FtClient       *client,
                                         const char     *action,
                                         const char     *job_id,
                                         GError        **error);
GListModel   *list_models_sync          (FtClient       *client,
                                         GError        **error);
GListModel   *list_checkpoints_sync     (FtClient       *client,
                                         const char     *job_id,
                                         guint           limit,
                                         gboolean       *has_more,
                                         GError        **error);
FtChatResult *chat_sync                 (FtClient       *client,
                                         FtChatRequest  *request,
                                         GError        **error);
FtChatResult *stream_sync               (FtChatStream   *stream,
                                         GError        **error);

G_END_DECLS
