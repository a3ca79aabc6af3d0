# syntax=docker/dockerfile:1
# nexconn-exporter: multi-stage build, a jlink'ed JRE of only the modules the jar needs, non-root.
#   docker build -t nexconn-exporter:0.1.0 .                          # default image (last stage)
#   docker build --target web-sdk -t nexconn-exporter:0.1.0-web-sdk .  # + Node and the Web SDK driver
# The k8s/ manifests refer to this image as nexconn-exporter:0.1.0 and run it as UID 10001 with a
# read-only root filesystem: /tmp and /var/lib/nexconn are volumes.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests \
 && cp target/nexconn-exporter.jar /nexconn-exporter.jar

FROM eclipse-temurin:17.0.16_8-jdk-jammy AS jre
# The modules jdeps finds in the shaded jar, plus TLS elliptic curves (wss:// and https://
# upstreams) and the JNDI DNS provider. DockerfileIT checks this list against jdeps on every build.
RUN jlink \
      --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported \
      --strip-debug --no-man-pages --no-header-files --compress=2 \
      --output /jre

# The Web SDK driver (drivers/web-sdk) with its pinned production packages, for the web-sdk image.
# Debian 13: its nodejs is 20 (the driver's engines field); Debian 12 ships 18.
FROM debian:13.1-slim AS driver
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /driver
COPY drivers/web-sdk/package.json drivers/web-sdk/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY drivers/web-sdk/driver.js ./
COPY drivers/web-sdk/lib ./lib

# Variant for real-service probes (upstream.type: web-sdk): the default image plus Debian's nodejs
# (no npm) and the driver at the default upstream.webSdk.driver.dir. About 100 MB larger, so it is
# a separate target; same user, same read-only root filesystem (node writes nothing).
FROM debian:13.1-slim AS web-sdk
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 nexconn \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin nexconn \
 && mkdir -p /var/lib/nexconn /etc/nexconn \
 && chown 10001:10001 /var/lib/nexconn
COPY --from=jre /jre /opt/java
COPY --from=build /nexconn-exporter.jar /opt/nexconn-exporter/nexconn-exporter.jar
COPY --from=driver /driver /opt/nexconn-exporter/drivers/web-sdk
USER 10001:10001
WORKDIR /var/lib/nexconn
EXPOSE 9464
ENTRYPOINT ["java", "-jar", "/opt/nexconn-exporter/nexconn-exporter.jar"]
CMD ["run", "--config", "/etc/nexconn/config.yaml"]

# The default image (the last stage, what `docker build .` produces): no Node.
FROM debian:12.12-slim
# Heap ceiling at 60% of the memory limit: about 80 MB of the RSS is native (code, metaspace,
# threads), and an ingest flood needs the rest (docs/benchmarks.md, "Memory per probe").
# Min/MaxHeapFreeRatio 10/30: after a collection the heap keeps at most 30% free instead of 70%,
# 33 MB less RSS at 19,000 idle probes (297 -> 267 MB, same benchmark).
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
RUN groupadd --system --gid 10001 nexconn \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin nexconn \
 && mkdir -p /var/lib/nexconn /etc/nexconn \
 && chown 10001:10001 /var/lib/nexconn
COPY --from=jre /jre /opt/java
COPY --from=build /nexconn-exporter.jar /opt/nexconn-exporter/nexconn-exporter.jar
USER 10001:10001
WORKDIR /var/lib/nexconn
EXPOSE 9464
ENTRYPOINT ["java", "-jar", "/opt/nexconn-exporter/nexconn-exporter.jar"]
CMD ["run", "--config", "/etc/nexconn/config.yaml"]
