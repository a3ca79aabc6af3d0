package dev.nexconn.exporter.emulator;

import java.time.Duration;

/**
 * Carries out one scenario step: the server-side action on the emulator and the matching incident
 * in the virtual-app simulator.
 */
final class ScenarioActions {
  private final EmulatorControl control;
  private final VirtualAppSimulator fleet;

  ScenarioActions(EmulatorControl control, VirtualAppSimulator fleet) {
    this.control = control;
    this.fleet = fleet;
  }

  /** Applies the step; returns the number of emulator sessions or users it touched. */
  int apply(ScenarioStep s) {
    double p = s.percent();
    Duration d = s.duration();
    switch (s.action()) {
      case DROP:
        fleet.incident(VirtualAppIncident.OUTAGE, p, s.over(), d, null);
        return control.dropConnections(p, code(s, 1001));
      case CLOSE:
        fleet.incident(VirtualAppIncident.OUTAGE, p, s.over(), d, null);
        return control.dropConnections(p, code(s, 1011));
      case REFUSE:
        control.refuseConnections(d, code(s, EmulatorCodes.SERVER_UNAVAILABLE));
        return 0;
      case HALF_OPEN:
        control.halfOpen(d);
        return 0;
      case LATENCY:
        control.addLatency(Duration.ofMillis(s.millis()), d);
        return 0;
      case RESTART:
        fleet.incident(VirtualAppIncident.OUTAGE, p, s.over(), d, null);
        int n = control.sessionCount();
        control.restart(d);
        return n;
      case PROXY_FAILURE:
        fleet.incident(VirtualAppIncident.PROXY, p, s.over(), d, null);
        control.proxyFailure(d, code(s, 502));
        return control.dropConnections(p, 1001);
      case CLEAR:
        control.clearFaults();
        control.restoreAll();
        control.tokenLifetime(Duration.ZERO);
        return control.unbanAll();
      case BAN:
        fleet.incident(VirtualAppIncident.BAN, p, s.over(), d, null);
        return control.ban(p, d.isZero() ? Duration.ofMinutes(10) : d);
      case KICK:
        fleet.incident(VirtualAppIncident.KICK, p, s.over(), d, null);
        return control.kick(p);
      case EXPIRE_TOKENS:
        fleet.incident(VirtualAppIncident.TOKEN_EXPIRY, p, s.over(), d, null);
        return control.expireTokens(p);
      case TOKEN_LIFETIME:
        control.tokenLifetime(d);
        return 0;
      case SOFT_DELETE:
        fleet.incident(VirtualAppIncident.SOFT_DELETE, p, s.over(), d, null);
        return control.softDelete(p);
      case RELEASE:
        fleet.incident(VirtualAppIncident.RELEASE, p, s.over(), d, s.appVersion());
        return 0;
      case FLEET_RATE:
        fleet.rate(s.rate());
        return 0;
      case MESSAGE_DROP:
        control.dropMessages(p, d);
        return 0;
      case MESSAGE_DUPLICATE:
        control.duplicateMessages(p, d);
        return 0;
      case MESSAGE_DELAY:
        control.delayMessages(Duration.ofMillis(s.millis()), d);
        return 0;
      default:
        throw new IllegalStateException("unhandled action " + s.action());
    }
  }

  private static int code(ScenarioStep s, int fallback) {
    return s.code() == 0 ? fallback : s.code();
  }
}
