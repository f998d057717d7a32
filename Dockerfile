# Multi-stage: compile with the dev toolchain, run with production dependencies only. Node 22 LTS
# (Node 20 reached its end of life in April 2026; the code still runs on both).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY explorer ./explorer
# GraphiQL's tabs are the README's example operations, read at build time.
COPY graphiql ./graphiql
COPY README.md ./
RUN npm run build

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY seed ./seed
COPY schema ./schema
USER node
EXPOSE 4000
CMD ["node", "dist/main.js"]
