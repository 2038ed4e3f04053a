#!/bin/sh
# The failover tests' out-of-band hook for the lab: `lab-hook.sh <crash|poweroff|start|linkDown|linkUp> <node> [client|cluster]`
# maps the app's node actions to the lab's primitives (npm run lab -- crash|poweroff|start|link ...), for the tier in
# LAB_TIER (default ct) and the instance in MHS_LAB_INSTANCE, which the app passes on from its own environment.
set -eu
here=$(cd "$(dirname "$0")/../../.." && pwd)
tier=${LAB_TIER:-ct}
action=$1
node=$2
net=${3:-cluster}
cd "$here"
case "$action" in
  crash) exec node_modules/.bin/tsx test/lab/cli.ts crash --tier "$tier" --node "$node" ;;
  poweroff) exec node_modules/.bin/tsx test/lab/cli.ts poweroff --tier "$tier" --node "$node" ;;
  start) exec node_modules/.bin/tsx test/lab/cli.ts start --tier "$tier" --node "$node" ;;
  linkDown) exec node_modules/.bin/tsx test/lab/cli.ts link down --tier "$tier" --node "$node" --net "$net" ;;
  linkUp) exec node_modules/.bin/tsx test/lab/cli.ts link up --tier "$tier" --node "$node" --net "$net" ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
