#!/bin/sh
# Interrupt-and-resume sample (executor): on a fresh lab, the commissioning is SIGKILLed three times and the
# secondary crashed once, resumed each time; the final state dump must equal the uninterrupted run's, which the
# 20- hook saved (without it, this hook makes its own reference first: one more commissioning).
# Leaves the lab commissioned for the failover hooks.
set -eu
export MHS_COMMISSION_REFERENCE="${MHS_COMMISSION_REFERENCE:-${TMPDIR:-/tmp}/mhs-ci-commission-reference-${MHS_LAB_INSTANCE:-0}-${LAB_TIER}.json}"
# The resumed run's project stays here for 60-docs (a fresh directory per CI run).
export MHS_COMMISSIONED_PROJECT_DIR="${MHS_COMMISSIONED_PROJECT_DIR:-${TMPDIR:-/tmp}/mhs-ci-commissioned-${MHS_LAB_INSTANCE:-0}-${LAB_TIER}}"
rm -rf "$MHS_COMMISSIONED_PROJECT_DIR"
exec node node_modules/vitest/vitest.mjs run --config test/lab/commission/vitest.executor.config.ts executorResume
