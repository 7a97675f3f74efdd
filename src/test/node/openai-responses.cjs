// The official `openai` npm SDK (pinned in e2e/agents) against Freeport's Responses API. Run by
// dev.freeport.agents.OpenAiNodeSdkResponsesTest, which queues the fake upstream's replies in this order.
// Environment: FREEPORT_BASE (e.g. http://127.0.0.1:4000/v1), FREEPORT_KEY, FREEPORT_MODEL.
// Prints one JSON object with what each step saw; exits 1 with the error when a step throws unexpectedly.
'use strict';
const OpenAI = require('openai');

const client = new OpenAI({ baseURL: process.env.FREEPORT_BASE, apiKey: process.env.FREEPORT_KEY, maxRetries: 0 });
const model = process.env.FREEPORT_MODEL;
const weather = {
  type: 'function', name: 'get_weather', strict: false, description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

async function main() {
  const out = {};
  // 1. text
  const text = await client.responses.create({ model, input: 'hi' });
  out.text = text.output_text;
  out.status = text.status;

  // 2. a stream, through the SDK's stream helper
  const types = [];
  const stream = client.responses.stream({ model, input: 'count' });
  stream.on('event', (e) => types.push(e.type));
  const streamed = await stream.finalResponse();
  out.streamText = streamed.output_text;
  out.streamTypes = types;

  // 3. a function call, then its output
  const first = await client.responses.create({ model, input: 'Weather in Lima?', tools: [weather] });
  const call = first.output.find((i) => i.type === 'function_call');
  out.call = { name: call.name, arguments: call.arguments, callId: call.call_id };
  const second = await client.responses.create({
    model, tools: [weather],
    input: [call, { type: 'function_call_output', call_id: call.call_id, output: '22C, cloudy' }],
  });
  out.afterTool = second.output_text;

  // 4. streamed tool arguments
  const deltas = [];
  const toolStream = client.responses.stream({ model, input: 'Weather?', tools: [weather] });
  toolStream.on('response.function_call_arguments.delta', (e) => deltas.push(e.delta));
  const toolFinal = await toolStream.finalResponse();
  out.argumentDeltas = deltas;
  out.streamedArguments = toolFinal.output.find((i) => i.type === 'function_call').arguments;

  // 5. previous_response_id, retrieve, delete
  const a = await client.responses.create({ model, input: 'Remember: 42.' });
  const b = await client.responses.create({ model, input: 'What number?', previous_response_id: a.id });
  out.chained = b.output_text;
  out.chainedPrevious = b.previous_response_id;
  out.retrieved = (await client.responses.retrieve(a.id)).output_text;
  await client.responses.delete(a.id);
  try {
    await client.responses.retrieve(a.id);
    out.afterDelete = 'still there';
  } catch (e) {
    out.afterDelete = e.status;
  }

  // 6. an error
  try {
    await client.responses.create({ model, input: 'x', previous_response_id: 'resp_missing' });
    out.error = 'none';
  } catch (e) {
    out.error = { status: e.status, code: e.code, name: e.constructor.name };
  }

  // 7. a stream cut after it started
  const cutTypes = [];
  try {
    const cut = client.responses.stream({ model, input: 'talk' });
    cut.on('event', (e) => cutTypes.push(e.type));
    await cut.finalResponse();
    out.cut = 'ended cleanly';
  } catch (e) {
    out.cut = { name: e.constructor.name, message: String(e.message) };
  }
  out.cutTypes = cutTypes;
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write((e && e.stack) || String(e));
  process.stderr.write('\n');
  process.exit(1);
});
