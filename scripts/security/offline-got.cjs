// Preloaded into electronegativity (node --require): it always fetches translations and Electron's
// release list, and on Node 24 a failed fetch crashes it. Here every request fails at once instead.
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: Event Desk CI runs electronegativity without network'));
    const got = Object.assign(offline, { head: offline, get: offline, post: offline, default: offline });
    got.default = got;
    return got;
  }
  return load.call(this, request, parent, isMain);
};
