// Preloaded into the tslab kernel (see env/tslab-kernel).
// tslab's in-process TypeScript watch compiler throws "Unexpected pending rebuildTimer" and the
// cell fails when a file it watches (any lib/*.ts a notebook imports) changes on disk while the
// kernel runs — an editor saving lib/, a git checkout, a parallel run. Node's require cache keeps
// the old module anyway, so the kernel never sees lib/ edits before a restart; turning the file
// watchers off makes that explicit and removes the crash. After editing lib/, restart the kernel.
const ts = require('@tslab/typescript-for-tslab');
const noWatch = () => ({ close() {} });
ts.sys.watchFile = noWatch;
if (ts.sys.watchDirectory) ts.sys.watchDirectory = noWatch;
