// The official `@anthropic-ai/sdk` (pinned in e2e/agents) runs a whole Message Batch against Freeport: create,
// poll, list, stream the results, delete, and see a missing batch's 404. Run by
// dev.freeport.batch.AnthropicSdkBatchTest.
// Environment: FREEPORT_BASE (e.g. http://127.0.0.1:4000), FREEPORT_KEY, FREEPORT_MODEL.
// Prints one JSON object with what each step saw; exits 1 with the error when a step throws unexpectedly.
'use strict';
const Anthropic = require('@anthropic-ai/sdk');

const client = new Anthropic({ baseURL: process.env.FREEPORT_BASE, apiKey: process.env.FREEPORT_KEY, maxRetries: 0 });
const model = process.env.FREEPORT_MODEL;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const out = {};
  const params = (text) => ({ model, max_tokens: 64, messages: [{ role: 'user', content: text }] });
  const created = await client.messages.batches.create({
    requests: [
      { custom_id: 'first', params: params('one') },
      { custom_id: 'second', params: params('two') },
      { custom_id: 'bad', params: { model, max_tokens: 64, messages: 'not a list' } },
    ],
  });
  out.createdStatus = created.processing_status;
  out.createdType = created.type;
  let batch = created;
  for (let i = 0; i < 300 && batch.processing_status !== 'ended'; i++) {
    await sleep(100);
    batch = await client.messages.batches.retrieve(created.id);
  }
  out.status = batch.processing_status;
  out.counts = batch.request_counts;
  out.results = [];
  for await (const r of await client.messages.batches.results(created.id)) {
    out.results.push(r);
  }
  const listed = [];
  for await (const b of client.messages.batches.list({ limit: 10 })) {
    listed.push(b.id);
  }
  out.listed = listed;
  out.id = created.id;
  out.deleted = (await client.messages.batches.delete(created.id)).type;
  try {
    await client.messages.batches.retrieve(created.id);
  } catch (e) {
    out.missing = { status: e.status, type: e.error && e.error.error && e.error.error.type };
  }
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e && e.stack || e);
  process.exit(1);
});
