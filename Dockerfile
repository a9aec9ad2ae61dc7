# syntax=docker/dockerfile:1
# Groundwork: one Node.js process and one SQLite file (docs/deploy.md, ADR 0020).
#   docker build -t groundwork .
#   docker run -p 127.0.0.1:3000:3000 -v groundwork-data:/data -e SESSION_COOKIE_SECURE=false groundwork

# better-sqlite3 and isolated-vm are native modules: when no prebuilt binary matches, npm compiles
# them, which needs python3, make and g++. Only the two install stages carry that toolchain.
FROM node:20-bookworm-slim AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Production dependencies only: this node_modules is the one the runtime image gets.
FROM toolchain AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Everything (dev dependencies included) to build the Remix app, the server bundle and Monaco's copy.
FROM toolchain AS build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/data/groundwork.db \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_CACHE=/tmp/.npm
# A fixed numeric UID/GID, so Kubernetes can check runAsNonRoot and volume ownership can be planned.
RUN groupadd --system --gid 10001 groundwork \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin groundwork \
 && mkdir -p /data \
 && chown 10001:10001 /data
WORKDIR /app
# Code and content are owned by root and read-only to the app; only /data (and /tmp) are written.
COPY package.json package-lock.json tsconfig.json ./
COPY --from=deps /app/node_modules ./node_modules
# The server bundle, the Remix build, the sandbox worker (build/), client assets and Monaco (public/).
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
# Migrations (applied at start-up) and the question bank (synced at start-up).
COPY --from=build /app/db ./db
COPY --from=build /app/content ./content
# Sources for the tsx command-line tools run with `docker exec`: user:create, content:check, drill.
COPY --from=build /app/app ./app
COPY --from=build /app/scripts ./scripts
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
# Liveness only (no database): slim images have no curl, so Node's fetch does the request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node handles SIGTERM itself (drain, then exit) and reaps the sandbox children it forks. The sandbox
# children get --no-node-snapshot from the pool; the server process does not need it.
CMD ["node", "build/server.js"]
