# The two set-up commands (README "Set-up"): `make start` and `make test`.
# Each installs what the repo needs on a fresh machine (a pinned pnpm under
# .tools/, then the locked workspace) and runs the job. Nothing global is
# changed.

PNPM_VERSION := 12.4.2
PNPM := $(CURDIR)/.tools/node_modules/.bin/pnpm
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(PATH)

.PHONY: install start test build bench browser

$(PNPM):
	npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund pnpm@$(PNPM_VERSION)

node_modules/.modules.yaml: $(PNPM) pnpm-lock.yaml package.json
	$(PNPM) install --frozen-lockfile
	@touch $@

install: node_modules/.modules.yaml

start: install
	$(PNPM) start

# Debian's chromium-headless-shell for the playground's browser tests (installed when missing).
browser:
	scripts/ci/install-chromium.sh

test: install browser
	$(PNPM) test

build: install
	$(PNPM) build

bench: install
	$(PNPM) bench
