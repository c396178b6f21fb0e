# Build: the SQLite driver needs cgo, so the builder has gcc.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/impactboard ./cmd/impactboard

# Run: a small Debian with the C library the binary links against, as a non-root user.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --create-home impactboard
COPY --from=build /out/impactboard /usr/local/bin/impactboard
USER impactboard
WORKDIR /data
VOLUME ["/data"]
ENV IMPACTBOARD_ADDR=:8080 IMPACTBOARD_DB=/data/impactboard.db
EXPOSE 8080
ENTRYPOINT ["impactboard"]
CMD ["serve"]
