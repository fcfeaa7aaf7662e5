// Preloaded with `node -r loopback.cjs …`: every TCP server listens on 127.0.0.1 only, whatever host
// (or none) the program asked for. MCP's reference servers and the conformance suite's scenario
// servers listen on every interface otherwise, and Marble's tests stay on loopback.
'use strict';
const net = require('net');
const dns = require('dns');

const LOOPBACK = '127.0.0.1';

// Node resolves a listen host with dns.lookup, asynchronously, even for an address literal; a
// program that reads server.address() right after listen(0) (the conformance suite does) would see
// null. Answer the lookup of our loopback literal at once, as a listen without a host would.
const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all;
  if (hostname === LOOPBACK && typeof done === 'function') {
    if (all) done(null, [{ address: LOOPBACK, family: 4 }]);
    else done(null, LOOPBACK, 4);
    return {};
  }
  return lookup.apply(this, arguments);
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path === undefined && first.fd === undefined && first._handle === undefined) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (first === undefined || typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (first === undefined) args[0] = 0;
    if (typeof args[1] === 'string' || args[1] === undefined || args[1] === null) args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  }
  return listen.apply(this, args);
};
