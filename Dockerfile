# syntax=docker/dockerfile:1
#
# One image for both processes of the engine; docker-compose.yml picks the process with
# `command`:
#   api:    node dist/apps/api/src/main.js      (the default CMD)
#   worker: node dist/apps/worker/src/main.js
# Both run the database migrations themselves at start-up (advisory-locked).
#
# Two stages: `build` installs every dependency (tsc and the workflow bundler are dev
# tools) and runs `npm run build`; `runtime` holds production dependencies, the compiled
# dist/ (including the prebuilt dist/workflow-bundle.js and the console's dist/console) and the policies, and runs as the
# unprivileged `node` user.

# Node.js 24 LTS: the runtime scripts/setup.mjs provisions for `npm start` and `npm test`
# (tools/node-runtime.json); test/deploy/docker-compose.unit.spec.ts keeps the two in step.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: compile TypeScript and prebuild the Temporal workflow bundle -------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Dependencies first so the layer is cached until the lockfile changes. `npm ci` runs the
# packages' install scripts (those package.json#allowScripts lists, where npm reads that list).
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The sources tsconfig.build.json compiles (its "include": apps, libs, workflows, scripts).
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY workflows ./workflows
COPY scripts ./scripts

# tsc -> dist/ (mirrors the repo), then dist/workflow-bundle.js, then the console (Vite) -> dist/console.
RUN npm run build

# ---- runtime: production dependencies + build output only ----------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Owned by root and not writable by `node`: the processes need no writable app files.
COPY --from=build /app/dist ./dist
# The default POLICY_FILE (policies/default.yaml, resolved from the app root /app).
COPY policies ./policies

USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
