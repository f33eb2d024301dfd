/**
 * Notices that the process which started us is gone. A parent that dies without passing
 * on its signal (npm on SIGHUP, or any parent on SIGKILL) leaves us re-parented to init or
 * a subreaper: our parent pid changes. `expectedParentPid` is the pid our parent should
 * have; when it already differs at the start (the parent died before we ran), onGone is
 * called at the first check.
 */
export function watchParent(expectedParentPid: number, onGone: (parentPid: number) => void, intervalMs = 500): () => void {
  const timer = setInterval(() => {
    if (process.ppid === expectedParentPid) return;
    clearInterval(timer);
    onGone(expectedParentPid);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
