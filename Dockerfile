# syntax=docker/dockerfile:1
# The event-desk command line for servers, CI and long backfills (issue 19): Node 24, a non-root
# user, the CLI package only (no Electron, no keychain), its user data (history, journal, rate
# budget) in the /data volume. docs/headless.md has the backfill example.
#
#   npm run pack:cli                 # dist/cli/event-desk-<version>.tgz, what `npm pack` makes
#   docker build -t event-desk .
#   docker run --rm -v event-desk-data:/data -v "$PWD/key:/run/secrets/helpcrunch_api_key:ro" \
#     -e HELPCRUNCH_API_KEY_FILE=/run/secrets/helpcrunch_api_key event-desk key test
#
# The key: HELPCRUNCH_API_KEY_FILE names a file readable by its owner only (0600/0400, owned by uid
# 1000 here), or HELPCRUNCH_API_KEY; it is used for each run only and never written to /data.
FROM node:24-slim

ENV NODE_ENV=production \
    EVENT_DESK_USER_DATA=/data \
    NO_COLOR=1 \
    npm_config_update_notifier=false

COPY dist/cli/event-desk-*.tgz /tmp/
# --omit=optional leaves out keytar: there is no desktop keychain in a container, and it would need
# a compiler to build.
RUN npm install --global --omit=optional --no-audit --no-fund /tmp/event-desk-*.tgz \
 && rm /tmp/event-desk-*.tgz \
 && npm cache clean --force \
 && mkdir -p /data \
 && chown node:node /data

COPY docker/backfill.sh /usr/local/bin/event-desk-backfill
RUN chmod 755 /usr/local/bin/event-desk-backfill

# The node image's own unprivileged user (uid 1000).
USER node
WORKDIR /data
VOLUME /data

ENTRYPOINT ["event-desk"]
CMD ["--help"]
