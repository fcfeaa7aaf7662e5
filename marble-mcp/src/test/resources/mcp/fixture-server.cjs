// A deliberately awkward MCP server on stdio for the paths the reference servers do not take:
// a JSON-RPC error, a call that never answers, a crash mid-call, tool names that need sanitizing,
// a log line on stdout, and unasked notifications and requests. FIXTURE_TOOLS lists its tools.
'use strict';
const readline = require('readline');
const tools = (process.env.FIXTURE_TOOLS || 'fail,slow,crash').split(',').filter((t) => t);
const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');

process.stdout.write('fixture server starting (a log line on stdout)\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line);
  const { id, method, params } = message;
  if (method === 'initialize') {
    send({ method: 'notifications/tools/list_changed' });
    send({ id, result: { protocolVersion: params.protocolVersion, capabilities: { tools: { listChanged: true } },
      serverInfo: { name: 'fixture', version: '1.0.0' } } });
  } else if (method === 'notifications/initialized') {
    send({ id: 'server-ping-1', method: 'ping' });
    send({ method: 'notifications/message', params: { level: 'info', data: 'hello' } });
  } else if (method === 'tools/list') {
    send({ id, result: { tools: tools.map((name) => ({ name, description: 'fixture tool ' + name,
      inputSchema: { type: 'object', properties: {} } })) } });
  } else if (method === 'tools/call') {
    const name = params.name;
    if (name === 'fail') send({ id, error: { code: -32001, message: 'deliberate failure', data: 'as asked' } });
    else if (name === 'slow') { /* never answers */ }
    else if (name === 'crash') { process.stderr.write('crashing as asked\n'); process.exit(7); }
    else send({ id, result: { content: [{ type: 'text', text: 'called ' + name }] } });
  } else if (id !== undefined && method !== undefined) {
    send({ id, error: { code: -32601, message: 'Method not found: ' + method } });
  }
});
