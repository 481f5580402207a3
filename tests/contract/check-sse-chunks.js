#!/usr/bin/env node
// Checks streamed chat completion chunks against the spec's
// CreateChatCompletionStreamResponse schema. Prism buffers a stream and
// checks it only as one string, so each chunk is checked here.
//
// usage: node check-sse-chunks.js SPEC.yaml CHUNKS.txt
// CHUNKS.txt holds one JSON payload of a `data:` line per line.
// Exits 0 when every chunk is valid, 1 otherwise (listing the errors).

'use strict';

const fs = require('fs');
const path = require('path');

const modules = process.env.FT_NODE_MODULES ||
  path.join(__dirname, '..', '..', 'build-aux', 'node', 'node_modules');
const Ajv = require(path.join(modules, 'ajv')).default;
const addFormats = require(path.join(modules, 'ajv-formats'));
const yaml = require(path.join(modules, 'js-yaml'));

const [specPath, chunksPath] = process.argv.slice(2);
if (!specPath || !chunksPath) {
  console.error('usage: check-sse-chunks.js SPEC.yaml CHUNKS.txt');
  process.exit(2);
}

const spec = yaml.load(fs.readFileSync(specPath, 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// OpenAPI's own formats, which JSON Schema does not define.
ajv.addFormat('unixtime', true);
ajv.addFormat('binary', true);
ajv.addSchema({ $id: 'spec', components: spec.components }, 'spec');
const validate = ajv.compile({ $ref: 'spec#/components/schemas/CreateChatCompletionStreamResponse' });

const lines = fs.readFileSync(chunksPath, 'utf8').split('\n').filter((l) => l.length > 0);
if (lines.length === 0) {
  console.error('no chunks to check');
  process.exit(1);
}

let failed = 0;
lines.forEach((line, i) => {
  let chunk;
  try {
    chunk = JSON.parse(line);
  } catch (e) {
    console.error(`chunk ${i + 1}: not JSON: ${e.message}`);
    failed++;
    return;
  }
  if (!validate(chunk)) {
    console.error(`chunk ${i + 1}: ${ajv.errorsText(validate.errors)}\n  ${line}`);
    failed++;
  }
});

console.log(`${lines.length - failed} of ${lines.length} chunks match CreateChatCompletionStreamResponse`);
process.exit(failed === 0 ? 0 : 1);
