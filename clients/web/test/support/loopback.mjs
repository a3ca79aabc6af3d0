// The loopback-only rule of the test harness: a URL may be used only when its host is an IP
// literal in 127.0.0.0/8 or ::1. Host names are refused without any DNS lookup (even
// "localhost"), so nothing the vendor SDK asks for can leave the machine or reach a resolver.
import fs from 'node:fs';

export function isLoopbackHost(host) {
  const h = String(host).replace(/^\[|\]$/g, '');
  return /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(h) || h === '::1';
}

export function isLoopbackUrl(url) {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch (e) {
    return false;
  }
}

/** Counts refused attempts; writes them to a JSON file that the Java IT reads back. */
export class RefusalLog {
  constructor(file) {
    this.file = file;
    this.attempts = [];
  }

  refuse(kind, url) {
    this.attempts.push({ kind, url: String(url), at: Date.now() });
    if (this.file) fs.writeFileSync(this.file, JSON.stringify(this.attempts, null, 1));
  }
}
