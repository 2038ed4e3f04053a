#!/bin/sh
# Interrupt-and-resume sample (executor): on a fresh lab, the commissioning is SIGKILLed three times and the
# secondary crashed once, resumed each time; the final state dump must equal the uninterrupted run's, which the
# 20- hook saved (without it, this hook makes its own reference first: one more commissioning).
# Leaves the lab commissioned for the failover hooks.
set -eu
export MHS_COMMISSION_REFERENCE="${MHS_COMMISSION_REFERENCE:-${TMPDIR:-/tmp}/mhs-ci-commission-reference-${MHS_LAB_INSTANCE:-0}-${LAB_TIER}.json}"
exec node node_modules/vitest/vitest.mjs run --config test/lab/commission/vitest.executor.config.ts executorResume
