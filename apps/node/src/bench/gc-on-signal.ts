// Preloaded (node --expose-gc -r …) into the processes the memory bench measures: SIGWINCH
// (not SIGUSR2: Nest's shutdown hooks stop a node on it)
// runs a full garbage collection, so resident memory is read after a GC has settled.
// Nothing of it is in a node's or a host's own code.
process.on('SIGWINCH', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
});
