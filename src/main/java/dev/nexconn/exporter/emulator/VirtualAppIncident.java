package dev.nexconn.exporter.emulator;

/** Something that happens to a share of the virtual apps, mirroring a server-side action. */
enum VirtualAppIncident {
  /** A short network blip: suspend, then back within seconds. */
  BLIP,
  /** The server is unreachable for the incident's duration: suspend, reconnect attempts, back. */
  OUTAGE,
  /** The proxy fails: proxy_unavailable until the duration ends. */
  PROXY,
  /** Tokens expired: token_incorrect (31020), a token refresh, back. */
  TOKEN_EXPIRY,
  /** Banned: disconn_exception (31011), back when the ban lifts. */
  BAN,
  /** Kicked by another device (31010); the user logs back in after a while. */
  KICK,
  /** Account deactivated: user_abandon (31029), for good. */
  SOFT_DELETE,
  /** The app is upgraded: it restarts and reports a recreated local database. */
  RELEASE
}
