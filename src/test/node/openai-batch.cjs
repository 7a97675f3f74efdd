// The official `openai` npm SDK (pinned in e2e/agents) runs a whole batch against Freeport: upload the JSONL input
// (multipart, purpose "batch"), create the batch, poll it, download the output and error files, list batches, and
// see a missing batch's 404. Run by dev.freeport.batch.OpenAiSdkBatchTest.
// Environment: FREEPORT_BASE (e.g. http://127.0.0.1:4000/v1), FREEPORT_KEY, FREEPORT_MODEL.
// Prints one JSON object with what each step saw; exits 1 with the error when a step throws unexpectedly.
'use strict';
const OpenAI = require('openai');
const { toFile } = require('openai');

const client = new OpenAI({ baseURL: process.env.FREEPORT_BASE, apiKey: process.env.FREEPORT_KEY, maxRetries: 0 });
const model = process.env.FREEPORT_MODEL;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const out = {};
  const request = (id, text) => JSON.stringify({
    custom_id: id, method: 'POST', url: '/v1/chat/completions',
    body: { model, messages: [{ role: 'user', content: text }] },
  });
  const input = [request('first', 'one'), request('second', 'two'), '{"custom_id": "broken", ', ''].join('\n');
  const file = await client.files.create({ file: await toFile(Buffer.from(input), 'nightly.jsonl'), purpose: 'batch' });
  out.file = { id: file.id, purpose: file.purpose, bytes: file.bytes, filename: file.filename };
  out.retrievedFile = (await client.files.retrieve(file.id)).id;

  const created = await client.batches.create({
    input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { job: 'nightly' },
  });
  out.createdStatus = created.status;
  let batch = created;
  for (let i = 0; i < 300 && !['completed', 'failed', 'expired', 'cancelled'].includes(batch.status); i++) {
    await sleep(100);
    batch = await client.batches.retrieve(created.id);
  }
  out.status = batch.status;
  out.counts = batch.request_counts;
  out.metadata = batch.metadata;
  out.output = (await (await client.files.content(batch.output_file_id)).text()).trim().split('\n').map(JSON.parse);
  out.errors = (await (await client.files.content(batch.error_file_id)).text()).trim().split('\n').map(JSON.parse);

  const page = await client.batches.list({ limit: 10 });
  out.listed = page.data.map((b) => b.id);
  out.id = created.id;
  try {
    await client.batches.retrieve('batch_missing');
  } catch (e) {
    out.missing = { status: e.status, type: e.error && e.error.type };
  }
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e && e.stack || e);
  process.exit(1);
});
