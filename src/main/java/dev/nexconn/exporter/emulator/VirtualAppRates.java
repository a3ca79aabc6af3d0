package dev.nexconn.exporter.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The virtual apps a scenario starts with.
 *
 * @param apps number of virtual client apps (no sockets: each is a few fields in memory)
 * @param statusChangesPerSecond baseline churn: network blips reported per second across the fleet
 * @param platforms relative weights of {@code ios}, {@code android} and {@code web}
 * @param appVersions app versions the apps start on, spread evenly
 * @param sdkVersion the SDK version every report names
 * @param rampUp every app connects at a random moment within this window after the start
 */
record VirtualAppRates(
    int apps,
    double statusChangesPerSecond,
    Map<String, Integer> platforms,
    List<String> appVersions,
    String sdkVersion,
    Duration rampUp) {

  static final VirtualAppRates DEFAULT =
      new VirtualAppRates(
          2000,
          5,
          Map.of("ios", 40, "android", 45, "web", 15),
          List.of("5.2.0", "5.2.1"),
          "5.10.0",
          Duration.ofSeconds(10));

  VirtualAppRates {
    platforms = Map.copyOf(platforms);
    appVersions = List.copyOf(appVersions);
  }
}
