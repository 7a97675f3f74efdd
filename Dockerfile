# syntax=docker/dockerfile:1
# Freeport's image: built with the Maven wrapper on a JDK, run on a JRE as a non-root user, started by the same
# launcher as ./freeport (so the same JVM flags). The gateway's config is /etc/freeport/freeport.yaml (mount yours;
# set server.host to 0.0.0.0), its data dir /var/lib/freeport. See deploy/compose.yaml.
#   docker build -t freeport .
#   docker run --rm -p 4000:4000 freeport demo --host 0.0.0.0

# The build JDK: .mvn/jvm.config passes --sun-misc-unsafe-memory-access, which needs Java 23 or newer.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src/main src/main
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Dmaven.test.skip=true package

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /var/lib/freeport freeport \
    && mkdir -p /var/lib/freeport /etc/freeport \
    && chown freeport:freeport /var/lib/freeport
WORKDIR /app
COPY --from=build /src/target/freeport.jar /app/target/freeport.jar
COPY freeport /app/freeport
ENV FREEPORT_HOME=/var/lib/freeport \
    FREEPORT_PORT=4000
USER freeport
EXPOSE 4000
VOLUME /var/lib/freeport
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD bash -c 'exec 3<>"/dev/tcp/127.0.0.1/${FREEPORT_PORT}" && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["/app/freeport"]
CMD ["serve", "--config", "/etc/freeport/freeport.yaml"]
