// Runs the MCP server given as arguments with this process's stdio, and also starts a child that
// would outlive everyone (it ignores its input and runs forever), so a test can check that closing a
// toolset stops the whole process tree.
'use strict';
const { spawn } = require('child_process');
spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const server = spawn(process.execPath, process.argv.slice(2), { stdio: 'inherit' });
server.on('exit', () => {});
setInterval(() => {}, 1000);
