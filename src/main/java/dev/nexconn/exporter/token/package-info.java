/**
 * Token providers for probe connections: a static token, a token file, your app server's endpoint,
 * and the Nexconn Server API v4 with its request signature. It may read config records; it never
 * logs or exposes a token or secret, and it knows nothing of connections or metrics.
 */
package dev.nexconn.exporter.token;
