#!/usr/bin/env bash
# proxpath's `--large` benchmark on a machine with a GPU, through Dawn (WebGPU in Node) on the
# machine's Vulkan driver, against the CPU baseline, within a time budget (under 8 minutes in all).
#
#   npm run bench:device                       build here, then run on this machine's GPU
#   npm run bench:device -- --prepare [DIR]    build the self-contained bundle DIR (default .device/)
#   bash .device/run.sh [--out DIR]            run the bundle on a GPU machine without Node
#   ... --dry                                  a tiny matrix that may run on SwiftShader (a CPU
#                                              emulation of a GPU): a check of the script, NOT GPU figures
#   ... -- <bench options>                     extra `proxpath bench` options, after the script's own
#
# The bundle (made here, run there): node.xz (this machine's Node, xz-compressed), app.tar.xz (the
# built dist/src, package.json and the node_modules the bench needs at run time: `webgpu` with its
# linux-x64 dawn.node, echarts for the report's charts, the command line's packages; no
# puppeteer-core: the bundle runs no browser), debs/ (the Vulkan loader, libvulkan1 for amd64, for
# a machine that has the NVIDIA driver but no loader), run.sh (this script) and MANIFEST.txt.
#
# A run: unpacks Node and the app under $PROXPATH_DEVICE_WORK (default /tmp/proxpath-device);
# installs the loader only when `ldconfig -p` lists no libvulkan (dpkg -x into / as root, else into
# the work folder with LD_LIBRARY_PATH); points VK_ICD_FILENAMES at the NVIDIA driver's manifest
# unless VK_ICD_FILENAMES or VK_DRIVER_FILES is set; asks Dawn for its adapter and stops with exit
# status 3 when there is none or it is a software one (SwiftShader, llvmpipe), except with --dry;
# runs the matrix; and writes results.json, .md, .html, bench.log and adapter.json to the output
# folder (--out, else $OUT, else bench-results/device).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
say() { printf 'bench:device: %s\n' "$*" >&2; }
die() { printf 'bench:device: error: %s\n' "$1" >&2; exit "${2:-1}"; }

# --- the benchmark's arguments (the one place that says what bench:device runs) -------------------
# The --large matrix (18 cases: squared, logistic, quantile × 6 sizes) on Dawn and on the CPU,
# Dawn first in each case so that the budget goes to GPU figures first. No case starts after BUDGET seconds and every run stops at what is left of it; the CPU gets at most
# CPU_TIMEOUT and Dawn DAWN_TIMEOUT seconds per case (warm-up and timed runs together). The
# budget leaves a minute of the 8 for unpacking, the adapter check, the last case's data and the
# report; HARD_LIMIT ends the bench in any case.
BUDGET=${PROXPATH_DEVICE_BUDGET:-380}
CPU_TIMEOUT=${PROXPATH_DEVICE_CPU_TIMEOUT:-30}
DAWN_TIMEOUT=${PROXPATH_DEVICE_DAWN_TIMEOUT:-60}
HARD_LIMIT=$((BUDGET + 45))
large_args() {
  echo --large --backends dawn,cpu --repeats 3 --max-case-seconds 15 \
    --cpu-timeout "$CPU_TIMEOUT" --dawn-timeout "$DAWN_TIMEOUT" --budget "$BUDGET"
}
# --dry: one tiny case, to check the script end to end where there is no GPU.
dry_args() {
  echo --tiny --n 60 --p 5 --nlambda 5 --loss squared --backends dawn,cpu --repeats 1 \
    --cpu-timeout 60 --dawn-timeout 120 --budget 240
}

# --- prepare: build the bundle on this machine -----------------------------------------------------
unxz_to_stdout() {
  if command -v xz >/dev/null; then xz -dc "$1"
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' "$1"
  fi
}

prepare() {
  local root dest stage app size limit=$((64 * 1024 * 1024))
  root=$(cd "$here/.." && pwd)
  [ -f "$root/package.json" ] || die "--prepare runs from the proxpath checkout (scripts/device-bench.sh)"
  dest=$(realpath -m "${1:-$root/.device}")
  case "$dest" in "$root"|/) die "refusing to use $dest as the bundle folder";; esac
  command -v xz >/dev/null || die "--prepare needs xz (apt-get install xz-utils)"
  command -v apt-get >/dev/null || die "--prepare needs apt-get (for the Vulkan loader's .deb)"
  [ "$(uname -m)" = x86_64 ] || die "--prepare needs an x86-64 machine: the bundle carries this machine's Node for an x86-64 GPU machine"
  say "building dist/"
  (cd "$root" && npm run build --silent >/dev/null)
  [ -f "$root/node_modules/webgpu/dist/linux-x64/dawn.node" ] || die "node_modules/webgpu (Dawn) is missing: run npm ci"
  rm -rf "$dest"
  mkdir -p "$dest/debs"
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' RETURN
  app=$stage/app
  mkdir -p "$app"

  say "Node $(node --version): compressing $(readlink -f "$(command -v node)")"
  xz -T0 -9 -c "$(readlink -f "$(command -v node)")" >"$dest/node.xz"

  say "the app: dist/src, package.json and the run-time node_modules"
  cp "$root/package.json" "$app/"
  mkdir -p "$app/dist"
  cp -r "$root/dist/src" "$app/dist/src"
  find "$app/dist" \( -name '*.map' -o -name '*.d.ts' \) -delete
  # The closure of the package's dependencies, without puppeteer-core (no browser runs from the
  # bundle), with the optional `webgpu` (Dawn): each package found as Node would resolve it.
  (cd "$root" && node --input-type=module -e '
    import { createRequire } from "node:module";
    import { readFileSync, realpathSync } from "node:fs";
    import path from "node:path";
    const root = process.cwd();
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    const wanted = [...Object.keys(pkg.dependencies).filter((n) => n !== "puppeteer-core"), "webgpu"];
    const found = new Map();
    const visit = (name, from) => {
      // package.json of `name` as seen from the folder `from`.
      let dir = from;
      for (;;) {
        const candidate = path.join(dir, "node_modules", name, "package.json");
        try {
          const meta = JSON.parse(readFileSync(candidate, "utf8"));
          const at = path.dirname(candidate);
          if (found.has(at)) return;
          found.set(at, meta);
          for (const dep of Object.keys(meta.dependencies ?? {})) visit(dep, at);
          return;
        } catch { /* not here: one folder up */ }
        const up = path.dirname(dir);
        if (up === dir) throw new Error(`${name} (needed from ${from}) is not installed`);
        dir = up;
      }
    };
    for (const name of wanted) visit(name, root);
    for (const at of found.keys()) console.log(path.relative(root, at));
  ') | while read -r rel; do
    mkdir -p "$app/$(dirname "$rel")"
    cp -r "$root/$rel" "$app/$rel"
  done
  # Pruning: what Node never loads here. echarts and zrender are loaded through their ES modules
  # (lib/), so their prebuilt bundles (dist/), sources and types go; Dawn keeps linux-x64 alone.
  local nm=$app/node_modules
  rm -rf "$nm/echarts/dist" "$nm/echarts/src" "$nm/echarts/types" "$nm/echarts/extension" "$nm/echarts/ssr/client/dist" \
    "$nm/echarts/theme" "$nm/echarts/i18n" "$nm/echarts/map" \
    "$nm/zrender/dist" "$nm/zrender/src" "$nm/zrender/build" \
    "$nm/webgpu/build" "$nm/webgpu/types.d.ts"
  find "$nm/webgpu/dist" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +
  find "$nm" \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.cts' -o -name '*.d.mts' -o -name '*.ts' \) -type f -delete
  tar -C "$stage" -cf - app | xz -T0 -9 -c >"$dest/app.tar.xz"

  say "the Vulkan loader (libvulkan1, amd64)"
  local lists=$stage/apt-lists
  mkdir -p "$lists/partial"
  local o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
  apt-get "${o[@]}" -qq update >/dev/null 2>&1 || die "apt-get update failed (for the Vulkan loader's .deb)"
  (cd "$dest/debs" && apt-get "${o[@]}" -qq download libvulkan1 2>/dev/null)
  ls "$dest/debs"/libvulkan1_*_amd64.deb >/dev/null 2>&1 || die "apt-get could not download libvulkan1"

  cp "$here/device-bench.sh" "$dest/run.sh"
  chmod +x "$dest/run.sh"
  {
    echo "proxpath device bundle: bash run.sh [--dry] [--out DIR] [-- <proxpath bench options>]"
    echo "made $(date -u +%Y-%m-%dT%H:%M:%SZ) from commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ with changes not committed)')"
    echo "node $(node --version), $(uname -m)"
    (cd "$dest" && sha256sum node.xz app.tar.xz debs/*.deb run.sh)
  } >"$dest/MANIFEST.txt"
  size=$(du -sb "$dest" | cut -f1)
  (cd "$dest" && du -b node.xz app.tar.xz debs/*.deb run.sh MANIFEST.txt) >&2
  [ "$size" -lt "$limit" ] || die "the bundle is $size bytes, over 64 MiB"
  say "bundle $dest: $size bytes ($((size / 1024 / 1024)) MiB)"
}

# --- run -----------------------------------------------------------------------------------------
install_vulkan_loader() {
  local debs=("$1"/debs/*.deb)
  ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1' && return 0
  [ -e "${debs[0]}" ] || { say "no Vulkan loader (libvulkan.so.1) on this machine and no .deb to install it"; return 0; }
  command -v dpkg >/dev/null || die "no Vulkan loader here, and no dpkg to unpack ${debs[*]}"
  if [ "$(id -u)" = 0 ]; then
    say "installing the Vulkan loader: ${debs[*]##*/} into /"
    for deb in "${debs[@]}"; do dpkg -x "$deb" /; done
    ldconfig
  else
    say "installing the Vulkan loader: ${debs[*]##*/} into $work/vulkan (not root)"
    for deb in "${debs[@]}"; do dpkg -x "$deb" "$work/vulkan"; done
    export LD_LIBRARY_PATH="$work/vulkan/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
}

choose_driver() {
  if [ -n "${VK_ICD_FILENAMES:-}${VK_DRIVER_FILES:-}" ]; then
    say "Vulkan driver as given: ${VK_ICD_FILENAMES:-$VK_DRIVER_FILES}"
    return 0
  fi
  [ "$dry" = 1 ] && return 0 # the probe picks the system's driver, else Chromium's SwiftShader
  local icd
  for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json \
    /etc/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.x86_64.json; do
    if [ -f "$icd" ]; then
      export VK_ICD_FILENAMES=$icd
      say "Vulkan driver: $icd"
      local lib
      for lib in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do
        [ -d "$lib" ] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$lib"
      done
      return 0
    fi
  done
  say "no NVIDIA Vulkan driver manifest found: the Vulkan loader searches its default folders"
}

# Dawn's adapter, as the bench will see it: adapter.json in the output folder; exit status 3 when
# there is none, or (outside --dry) when it is a software one.
check_adapter() {
  local probe
  probe=$(cd "$app" && "$node" --input-type=module -e '
    const { probeDawn } = await import(process.cwd() + "/dist/src/gpu/dawn-probe.js");
    const probe = await probeDawn();
    process.stdout.write(JSON.stringify({ ...probe, env: { VK_ICD_FILENAMES: process.env.VK_ICD_FILENAMES ?? null } }, null, 2) + "\n");
  ')
  printf '%s\n' "$probe" >"$out/adapter.json"
  local line
  line=$("$node" -e '
    const p = JSON.parse(process.argv[1]);
    if (!p.adapter) { console.log("none\t" + (p.error ?? "no adapter")); process.exit(0); }
    const a = p.adapter;
    const name = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(" / ");
    const software = a.software || /swiftshader|llvmpipe|lavapipe|software/i.test(name);
    console.log((software ? "software" : "hardware") + "\t" + name);
  ' "$probe")
  local kind=${line%%$'\t'*} name=${line#*$'\t'}
  adapter_name=$name
  case "$kind" in
    none) die "Dawn found no WebGPU adapter: $name (see $out/adapter.json)" 3 ;;
    software)
      if [ "$dry" = 1 ]; then
        say "adapter: $name — SOFTWARE (a CPU emulation): a dry run of the script; its figures are NOT GPU figures"
      else
        die "Dawn's adapter is a software renderer ($name), not the GPU: refusing to benchmark it (VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-unset}; --dry allows it, for a check of the script only)" 3
      fi ;;
    *) say "adapter: $name (hardware)" ;;
  esac
}

run() {
  local bench_args=() extra=() default_out
  while [ $# -gt 0 ]; do
    case "$1" in
      --dry) dry=1 ;;
      --out) out=${2:?--out needs a folder}; shift ;;
      --out=*) out=${1#--out=} ;;
      --no-build) no_build=1 ;;
      --) shift; extra=("$@"); break ;;
      *) die "unknown option $1 (use --prepare [DIR], --dry, --out DIR, --no-build, or -- <bench options>)" 2 ;;
    esac
    shift
  done
  if [ -f "$here/node.xz" ] && [ -f "$here/app.tar.xz" ]; then
    # A bundle: Node and the app unpacked into the work folder.
    work=${PROXPATH_DEVICE_WORK:-/tmp/proxpath-device}
    rm -rf "$work"
    mkdir -p "$work"
    say "unpacking Node and the app into $work"
    unxz_to_stdout "$here/node.xz" >"$work/node"
    chmod +x "$work/node"
    unxz_to_stdout "$here/app.tar.xz" | tar -x -C "$work"
    node=$work/node
    app=$work/app
    default_out=${OUT:-$here/out}
    install_vulkan_loader "$here"
  else
    # A checkout: this machine's Node and a fresh build.
    app=$(cd "$here/.." && pwd)
    [ -f "$app/package.json" ] || die "no bundle beside $0 and no checkout above it"
    node=$(command -v node) || die "no node on this machine: build a bundle with --prepare and run its run.sh"
    default_out=${OUT:-$app/bench-results/device}
    [ "${no_build:-0}" = 1 ] || (cd "$app" && npm run build --silent >/dev/null)
  fi
  out=$(realpath -m "${out:-$default_out}")
  mkdir -p "$out"
  "$node" --version >/dev/null || die "the Node binary does not run here: $node"
  choose_driver
  check_adapter
  if [ "$dry" = 1 ]; then read -r -a bench_args <<<"$(dry_args)"; else read -r -a bench_args <<<"$(large_args)"; fi
  bench_args+=("${extra[@]}" --out "$out" --no-progress)
  say "proxpath bench ${bench_args[*]}"
  local status=0 started=$SECONDS
  (cd "$app" && timeout --signal=INT --kill-after=20 "$HARD_LIMIT" "$node" dist/src/cli/main.js bench "${bench_args[@]}") \
    2>&1 | tee "$out/bench.log" || status=${PIPESTATUS[0]}
  say "the bench took $((SECONDS - started)) s (exit status $status)"
  if [ "$status" = 124 ] || [ "$status" = 130 ]; then die "the bench ran past its hard limit of $HARD_LIMIT s and was stopped: no report" "$status"; fi
  [ "$status" = 0 ] || die "the bench failed (exit status $status): see $out/bench.log" "$status"
  # The device tool brings back files of up to 16 MiB: a larger results.json travels compressed.
  local json=$out/results.json
  if [ -f "$json" ] && [ "$(stat -c %s "$json")" -gt $((15 * 1024 * 1024)) ]; then
    xz -T0 -6 -f "$json" && say "results.json is over 15 MiB: compressed to results.json.xz"
  fi
  if [ "$dry" = 1 ]; then say "DRY RUN: the Dawn figures in $out are from $adapter_name, NOT from a GPU"; fi
  say "report: $(ls "$out" | tr '\n' ' ')in $out"
}

dry=${PROXPATH_DEVICE_DRY:-0}
case "${1:-}" in
  --prepare) shift; prepare "$@" ;;
  -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
  *) run "$@" ;;
esac
