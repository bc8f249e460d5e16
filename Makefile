# The two set-up commands (README "Set-up"): `make start` and `make test`.
# Each installs what the repo needs on a fresh machine (a pinned pnpm under
# .tools/, then the locked workspace) and runs the job. Nothing global is
# changed.

PNPM_VERSION := 12.4.2
PNPM := $(CURDIR)/.tools/node_modules/.bin/pnpm
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(PATH)

# The AWS emulator, pinned like everything else (MOTO_VERSION in
# tooling/lambda-kit/src/moto-server.ts must match). A moto_server 5.2.1 on
# PATH is used as it is; otherwise moto[server]==5.2.1 goes into a virtual
# environment under .tools/moto, which the helpers prefer.
MOTO_VERSION := 5.2.1
MOTO_VENV := $(CURDIR)/.tools/moto
MOTO_PROBE := PYTHONPATH=$(CURDIR)/tooling/lambda-kit/moto-probe LAMBDA_STATS_MOTO_PROBE=1
# Terraform is not installed by us. 1.10 is the oldest with S3 state locking
# (use_lockfile), as infra/src/cli/terraform-env.ts checks; CI uses 1.11.4.
TERRAFORM_NEEDED := Terraform 1.x from 1.10 on (CI uses 1.11.4)
TERRAFORM_URL := https://developer.hashicorp.com/terraform/install

.PHONY: install start test build bench moto terraform browser

$(PNPM):
	npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund pnpm@$(PNPM_VERSION)

node_modules/.modules.yaml: $(PNPM) pnpm-lock.yaml package.json
	$(PNPM) install --frozen-lockfile
	@touch $@

install: node_modules/.modules.yaml moto terraform

# One line when Terraform is missing or not the version this project needs.
terraform:
	@v=$$(terraform version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p'); \
	case "$$v" in \
	  1.1[0-9].*|1.[2-9][0-9].*) ;; \
	  "") echo "$(TERRAFORM_NEEDED) is needed and none was found on PATH: get it from $(TERRAFORM_URL)" >&2; exit 1 ;; \
	  *) echo "$(TERRAFORM_NEEDED) is needed, found Terraform $$v: get it from $(TERRAFORM_URL)" >&2; exit 1 ;; \
	esac

moto:
	@if [ -x "$(MOTO_VENV)/bin/moto_server" ] && [ "$$($(MOTO_PROBE) $(MOTO_VENV)/bin/moto_server 2>/dev/null)" = "$(MOTO_VERSION)" ]; then exit 0; fi; \
	if command -v moto_server >/dev/null 2>&1 && [ "$$($(MOTO_PROBE) moto_server 2>/dev/null)" = "$(MOTO_VERSION)" ]; then exit 0; fi; \
	command -v python3 >/dev/null 2>&1 || { echo "python3 (3.9 or later) is needed to run moto $(MOTO_VERSION): install Python 3 from https://www.python.org/downloads/" >&2; exit 1; }; \
	echo "installing moto[server]==$(MOTO_VERSION) into .tools/moto"; \
	rm -rf "$(MOTO_VENV)" && python3 -m venv "$(MOTO_VENV)" && \
	"$(MOTO_VENV)/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$(MOTO_VERSION)" || \
	  { rm -rf "$(MOTO_VENV)"; echo "could not install moto[server]==$(MOTO_VERSION) into .tools/moto (is PyPI reachable?)" >&2; exit 1; }

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
