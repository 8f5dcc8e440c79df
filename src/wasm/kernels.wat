;; Float64 vector kernels for the CPU path, in WebAssembly SIMD (two doubles per lane group).
;; Every array is a byte address into the imported memory; n counts doubles. Each loop takes
;; four doubles per step in two independent accumulators, then finishes the tail one by one.
(module
  (import "env" "memory" (memory 1))
  ;; Forms Gram column j (and records its slot) when a coordinate first moves: JavaScript's job.
  (import "env" "formGram" (func $formGram (param i32)))

  ;; Σ a[i]·b[i]
  (func $dot (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $end i32) (local $acc0 v128) (local $acc1 v128) (local $s f64)
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $acc1 (f64x2.add (local.get $acc1)
          (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $step)))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $tail)))
    (local.get $s))

  ;; Σ a[i]·w[i]·b[i]
  (func $dot3 (export "dot3") (param $a i32) (param $w i32) (param $b i32) (param $n i32) (result f64)
    (local $end i32) (local $acc0 v128) (local $acc1 v128) (local $s f64)
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $w))) (v128.load (local.get $b)))))
        (local.set $acc1 (f64x2.add (local.get $acc1)
          (f64x2.mul (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $w)))
            (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $step)))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.mul (f64.load (local.get $a)) (f64.load (local.get $w))) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $tail)))
    (local.get $s))

  ;; out[t] = Σ a_t[i]·b[i] for the four columns a0 … a3 (b is loaded once for all four)
  (func (export "dot4") (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32)
      (param $b i32) (param $n i32) (param $out i32)
    (local $end i32) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $v v128)
    (local $x f64)
    (local.set $end (i32.add (local.get $b) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $b) (local.get $end)))
        (local.set $v (v128.load (local.get $b)))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load (local.get $a0)) (local.get $v))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load (local.get $a1)) (local.get $v))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load (local.get $a2)) (local.get $v))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load (local.get $a3)) (local.get $v))))
        (local.set $a0 (i32.add (local.get $a0) (i32.const 16)))
        (local.set $a1 (i32.add (local.get $a1) (i32.const 16)))
        (local.set $a2 (i32.add (local.get $a2) (i32.const 16)))
        (local.set $a3 (i32.add (local.get $a3) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $step)))
    (f64.store offset=0 (local.get $out)
      (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
    (f64.store offset=8 (local.get $out)
      (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
    (f64.store offset=16 (local.get $out)
      (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))))
    (f64.store offset=24 (local.get $out)
      (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3))))
    ;; odd n: one last row
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $x (f64.load (local.get $b)))
        (f64.store offset=0 (local.get $out)
          (f64.add (f64.load offset=0 (local.get $out)) (f64.mul (f64.load (local.get $a0)) (local.get $x))))
        (f64.store offset=8 (local.get $out)
          (f64.add (f64.load offset=8 (local.get $out)) (f64.mul (f64.load (local.get $a1)) (local.get $x))))
        (f64.store offset=16 (local.get $out)
          (f64.add (f64.load offset=16 (local.get $out)) (f64.mul (f64.load (local.get $a2)) (local.get $x))))
        (f64.store offset=24 (local.get $out)
          (f64.add (f64.load offset=24 (local.get $out)) (f64.mul (f64.load (local.get $a3)) (local.get $x)))))))

  ;; y[i] += alpha·x[i]
  (func $axpy (export "axpy") (param $alpha f64) (param $x i32) (param $y i32) (param $n i32)
    (local $end i32) (local $va v128)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (v128.store (local.get $y)
          (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $va) (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $step)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $y)
        (f64.add (f64.load (local.get $y)) (f64.mul (local.get $alpha) (f64.load (local.get $x))))))))

  ;; y[i] += alpha·w[i]·x[i]
  (func $axpy3 (export "axpy3") (param $alpha f64) (param $x i32) (param $w i32) (param $y i32) (param $n i32)
    (local $end i32) (local $va v128)
    (local.set $va (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (v128.store (local.get $y)
          (f64x2.add (v128.load (local.get $y))
            (f64x2.mul (local.get $va) (f64x2.mul (v128.load (local.get $w)) (v128.load (local.get $x))))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $step)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $y)
        (f64.add (f64.load (local.get $y))
          (f64.mul (local.get $alpha) (f64.mul (f64.load (local.get $w)) (f64.load (local.get $x)))))))));; out[idx[t]] = scale·Σ_i X[i, idx[t]]·b[i] for t < count: many columns of a column-major X
  ;; (nRows rows) against one vector, scattered by feature, in one call (the KKT check sweeps).
  (func (export "dot_many") (param $x i32) (param $nRows i32) (param $idx i32) (param $count i32)
      (param $b i32) (param $out i32) (param $scale f64)
    (local $j i32)
    (local $t i32) (local $a i32) (local $p i32) (local $end i32) (local $tailEnd i32)
    (local $acc0 v128) (local $acc1 v128) (local $s f64)
    (block $all_done
      (loop $column
        (br_if $all_done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $j (i32.load (i32.add (local.get $idx) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $a (i32.add (local.get $x) (i32.mul (local.get $j) (i32.shl (local.get $nRows) (i32.const 3)))))
        (local.set $p (local.get $b))
        (local.set $acc0 (v128.const i64x2 0 0))
        (local.set $acc1 (v128.const i64x2 0 0))
        (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $nRows) (i32.const -4)) (i32.const 3))))
        (local.set $tailEnd (i32.add (local.get $a) (i32.shl (local.get $nRows) (i32.const 3))))
        (block $done
          (loop $step
            (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
            (local.set $acc0 (f64x2.add (local.get $acc0)
              (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $p)))))
            (local.set $acc1 (f64x2.add (local.get $acc1)
              (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $p)))))
            (local.set $a (i32.add (local.get $a) (i32.const 32)))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (br $step)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
        (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $a) (local.get $tailEnd)))
            (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $p)))))
            (local.set $a (i32.add (local.get $a) (i32.const 8)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $tail)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (f64.mul (local.get $scale) (local.get $s)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $column))));; The coordinate minimizer of the elastic net with a box (src/penalties/elastic-net.ts):
  ;; clip(sign(u)·max(|u| − l1, 0) / (v + l2), lo, hi), with lo ≤ 0 ≤ hi.
  (func $cmin (param $u f64) (param $v f64) (param $l1 f64) (param $l2 f64) (param $lo f64) (param $hi f64)
      (result f64)
    (local $a f64)
    (local.set $a (f64.sub (f64.abs (local.get $u)) (local.get $l1)))
    (if (result f64) (f64.le (local.get $a) (f64.const 0))
      (then (f64.const 0))
      (else
        (f64.min
          (f64.max
            (f64.div (f64.copysign (local.get $a) (local.get $u)) (f64.add (local.get $v) (local.get $l2)))
            (local.get $lo))
          (local.get $hi)))))

  ;; One coordinate-descent pass on residuals over the features list[0 … count): for each j,
  ;; u = x_jᵀ(gw∘r) (or gscale·x_jᵀr when gw = 0) + xv_j·β_j, β_j ← cmin(u, …), and when β_j
  ;; moves by Δ, r ← r − Δ·(uw∘x_j) (or r − Δ·x_j when uw = 0). Returns max_j xv_j·Δ².
  (func (export "cd_pass_resid")
      (param $x i32) (param $n i32) (param $list i32) (param $count i32)
      (param $beta i32) (param $xv i32) (param $l1 i32) (param $l2 i32) (param $lo i32) (param $hi i32)
      (param $r i32) (param $gw i32) (param $gscale f64) (param $uw i32) (result f64)
    (local $t i32) (local $j8 i32) (local $col i32)
    (local $u f64) (local $v f64) (local $old f64) (local $b f64) (local $d f64) (local $dlx f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $j8 (i32.shl (i32.load (i32.add (local.get $list) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3)))
        (local.set $col (i32.add (local.get $x) (i32.mul (local.get $j8) (local.get $n))))
        (local.set $old (f64.load (i32.add (local.get $beta) (local.get $j8))))
        (local.set $v (f64.load (i32.add (local.get $xv) (local.get $j8))))
        (local.set $u
          (f64.add
            (if (result f64) (local.get $gw)
              (then (call $dot3 (local.get $col) (local.get $gw) (local.get $r) (local.get $n)))
              (else (f64.mul (local.get $gscale) (call $dot (local.get $col) (local.get $r) (local.get $n)))))
            (f64.mul (local.get $v) (local.get $old))))
        (local.set $b (call $cmin (local.get $u) (local.get $v)
          (f64.load (i32.add (local.get $l1) (local.get $j8))) (f64.load (i32.add (local.get $l2) (local.get $j8)))
          (f64.load (i32.add (local.get $lo) (local.get $j8))) (f64.load (i32.add (local.get $hi) (local.get $j8)))))
        (local.set $d (f64.sub (local.get $b) (local.get $old)))
        (if (f64.ne (local.get $d) (f64.const 0))
          (then
            (f64.store (i32.add (local.get $beta) (local.get $j8)) (local.get $b))
            (if (local.get $uw)
              (then (call $axpy3 (f64.neg (local.get $d)) (local.get $col) (local.get $uw) (local.get $r) (local.get $n)))
              (else (call $axpy (f64.neg (local.get $d)) (local.get $col) (local.get $r) (local.get $n))))
            (local.set $dlx (f64.max (local.get $dlx) (f64.mul (local.get $v) (f64.mul (local.get $d) (local.get $d)))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))
    (local.get $dlx))

  ;; One coordinate-descent pass on a Gram matrix over list[0 … count): u = g_j + xv_j·β_j,
  ;; β_j ← cmin(u, …), and when β_j moves by Δ, g ← g − Δ·G[:, j] (all p entries when full ≠ 0,
  ;; else only the nActive features listed at active). G[:, j] lives at gram + 8·p·slot[j].
  (func (export "cd_pass_gram")
      (param $list i32) (param $count i32) (param $beta i32) (param $xv i32) (param $l1 i32) (param $l2 i32)
      (param $lo i32) (param $hi i32) (param $g i32) (param $gram i32) (param $slot i32) (param $p i32)
      (param $full i32) (param $active i32) (param $nActive i32) (result f64)
    (local $t i32) (local $j i32) (local $j8 i32) (local $s i32) (local $col i32) (local $a i32) (local $k8 i32)
    (local $u f64) (local $v f64) (local $old f64) (local $b f64) (local $d f64) (local $dlx f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $j (i32.load (i32.add (local.get $list) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $j8 (i32.shl (local.get $j) (i32.const 3)))
        (local.set $old (f64.load (i32.add (local.get $beta) (local.get $j8))))
        (local.set $v (f64.load (i32.add (local.get $xv) (local.get $j8))))
        (local.set $u (f64.add (f64.load (i32.add (local.get $g) (local.get $j8))) (f64.mul (local.get $v) (local.get $old))))
        (local.set $b (call $cmin (local.get $u) (local.get $v)
          (f64.load (i32.add (local.get $l1) (local.get $j8))) (f64.load (i32.add (local.get $l2) (local.get $j8)))
          (f64.load (i32.add (local.get $lo) (local.get $j8))) (f64.load (i32.add (local.get $hi) (local.get $j8)))))
        (local.set $d (f64.sub (local.get $b) (local.get $old)))
        (if (f64.ne (local.get $d) (f64.const 0))
          (then
            (f64.store (i32.add (local.get $beta) (local.get $j8)) (local.get $b))
            (local.set $s (i32.load (i32.add (local.get $slot) (i32.shl (local.get $j) (i32.const 2)))))
            (if (i32.lt_s (local.get $s) (i32.const 0))
              (then
                (call $formGram (local.get $j))
                (local.set $s (i32.load (i32.add (local.get $slot) (i32.shl (local.get $j) (i32.const 2)))))))
            (local.set $col (i32.add (local.get $gram) (i32.shl (i32.mul (local.get $s) (local.get $p)) (i32.const 3))))
            (if (local.get $full)
              (then (call $axpy (f64.neg (local.get $d)) (local.get $col) (local.get $g) (local.get $p)))
              (else
                (local.set $a (i32.const 0))
                (block $active_done
                  (loop $active_next
                    (br_if $active_done (i32.ge_u (local.get $a) (local.get $nActive)))
                    (local.set $k8 (i32.shl
                      (i32.load (i32.add (local.get $active) (i32.shl (local.get $a) (i32.const 2)))) (i32.const 3)))
                    (f64.store (i32.add (local.get $g) (local.get $k8))
                      (f64.sub (f64.load (i32.add (local.get $g) (local.get $k8)))
                        (f64.mul (f64.load (i32.add (local.get $col) (local.get $k8))) (local.get $d))))
                    (local.set $a (i32.add (local.get $a) (i32.const 1)))
                    (br $active_next)))))
            (local.set $dlx (f64.max (local.get $dlx) (f64.mul (local.get $v) (f64.mul (local.get $d) (local.get $d)))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))
    (local.get $dlx));; max_i |x[i]|
  (func (export "max_abs") (param $x i32) (param $n i32) (result f64)
    (local $end i32) (local $m v128) (local $s f64)
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $m (f64x2.max (local.get $m) (f64x2.abs (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $step)))
    (local.set $s (f64.max (f64x2.extract_lane 0 (local.get $m)) (f64x2.extract_lane 1 (local.get $m))))
    (if (result f64) (i32.and (local.get $n) (i32.const 1))
      (then (f64.max (local.get $s) (f64.abs (f64.load (local.get $x)))))
      (else (local.get $s))))

  ;; x[i] ← (x[i] − m)·inv
  (func (export "shift_scale") (param $x i32) (param $n i32) (param $m f64) (param $inv f64)
    (local $end i32) (local $vm v128) (local $vi v128)
    (local.set $vm (f64x2.splat (local.get $m)))
    (local.set $vi (f64x2.splat (local.get $inv)))
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (v128.store (local.get $x) (f64x2.mul (f64x2.sub (v128.load (local.get $x)) (local.get $vm)) (local.get $vi)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $step)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (local.get $x) (f64.mul (f64.sub (f64.load (local.get $x)) (local.get $m)) (local.get $inv))))))

  ;; Sparse columns (CSC): column j's entries are k ∈ [colptr[j], colptr[j + 1]), row rows[k]
  ;; (i32) and value vals[k] (f64), or 1 when vals = 0 (a 0/1 matrix, one-hot columns: no values
  ;; are stored or read). The helpers walk one column: $k over rows, $x over vals.
  (func $at (param $colptr i32) (param $j i32) (result i32)
    (i32.load (i32.add (local.get $colptr) (i32.shl (local.get $j) (i32.const 2)))))

  ;; Σ_k vals[k]·v[rows[k]] over column j
  (func $sdot (export "sdot") (param $colptr i32) (param $rows i32) (param $vals i32) (param $j i32) (param $v i32)
      (result f64)
    (local $k i32) (local $end i32) (local $x i32) (local $s f64)
    (local.set $k (i32.add (local.get $rows) (i32.shl (call $at (local.get $colptr) (local.get $j)) (i32.const 2))))
    (local.set $x (i32.add (local.get $vals) (i32.shl (call $at (local.get $colptr) (local.get $j)) (i32.const 3))))
    (local.set $end (i32.add (local.get $rows)
      (i32.shl (call $at (local.get $colptr) (i32.add (local.get $j) (i32.const 1))) (i32.const 2))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.mul (if (result f64) (local.get $vals) (then (f64.load (local.get $x))) (else (f64.const 1)))
          (f64.load (i32.add (local.get $v) (i32.shl (i32.load (local.get $k)) (i32.const 3)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $step)))
    (local.get $s))

  ;; Σ_k vals[k]·w[rows[k]]·v[rows[k]] over column j
  (func $sdot3 (export "sdot3") (param $colptr i32) (param $rows i32) (param $vals i32) (param $j i32) (param $w i32)
      (param $v i32) (result f64)
    (local $k i32) (local $end i32) (local $x i32) (local $i8 i32) (local $s f64)
    (local.set $k (i32.add (local.get $rows) (i32.shl (call $at (local.get $colptr) (local.get $j)) (i32.const 2))))
    (local.set $x (i32.add (local.get $vals) (i32.shl (call $at (local.get $colptr) (local.get $j)) (i32.const 3))))
    (local.set $end (i32.add (local.get $rows)
      (i32.shl (call $at (local.get $colptr) (i32.add (local.get $j) (i32.const 1))) (i32.const 2))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $i8 (i32.shl (i32.load (local.get $k)) (i32.const 3)))
        (local.set $s (f64.add (local.get $s) (f64.mul (if (result f64) (local.get $vals) (then (f64.load (local.get $x))) (else (f64.const 1))) (f64.mul
          (f64.load (i32.add (local.get $w) (local.get $i8))) (f64.load (i32.add (local.get $v) (local.get $i8)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $step)))
    (local.get $s))

  ;; y[rows[k]] += alpha·vals[k]·(w[rows[k]], or 1 when w = 0) over column j
  (func $saxpy (export "saxpy") (param $alpha f64) (param $colptr i32) (param $rows i32) (param $vals i32) (param $j i32)
      (param $w i32) (param $y i32)
    (local $k i32) (local $end i32) (local $x i32) (local $i8 i32) (local $a f64)
    (local.set $k (i32.add (local.get $rows) (i32.shl (call $at (local.get $colptr) (local.get $j)) (i32.const 2))))
    (local.set $x (i32.add (local.get $vals) (i32.shl (call $at (local.get $colptr) (local.get $j)) (i32.const 3))))
    (local.set $end (i32.add (local.get $rows)
      (i32.shl (call $at (local.get $colptr) (i32.add (local.get $j) (i32.const 1))) (i32.const 2))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $i8 (i32.shl (i32.load (local.get $k)) (i32.const 3)))
        (local.set $a (f64.mul (local.get $alpha) (if (result f64) (local.get $vals) (then (f64.load (local.get $x))) (else (f64.const 1)))))
        (if (local.get $w) (then (local.set $a (f64.mul (local.get $a) (f64.load (i32.add (local.get $w) (local.get $i8)))))))
        (f64.store (i32.add (local.get $y) (local.get $i8))
          (f64.add (f64.load (i32.add (local.get $y) (local.get $i8))) (local.get $a)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $step))))

  ;; For each j = list[t], t < count, with s0 = Σ w·x, s1 = Σ w·(x − m_j)², s2 = Σ w over column j's
  ;; entries (w at their rows, x their values, m = center): q[j] = s0 and xv[j] = (s1 + m_j²·(Q − s2))·inv_j²,
  ;; i.e. Σ_i w_i x̃_ij² over all rows when Q = Σ_i w_i (the rows without an entry hold x = 0).
  (func (export "sstats_many") (param $colptr i32) (param $rows i32) (param $vals i32) (param $list i32)
      (param $count i32) (param $w i32) (param $center i32) (param $inv i32) (param $Q f64) (param $xv i32) (param $q i32)
    (local $t i32) (local $j8 i32) (local $k i32) (local $end i32) (local $x i32)
    (local $m f64) (local $wi f64) (local $d f64) (local $s0 f64) (local $s1 f64) (local $s2 f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $j8 (i32.shl (i32.load (i32.add (local.get $list) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3)))
        (local.set $k (i32.load (i32.add (local.get $colptr) (i32.shr_u (local.get $j8) (i32.const 1)))))
        (local.set $x (i32.add (local.get $vals) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $k (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $end (i32.add (local.get $rows)
          (i32.shl (i32.load offset=4 (i32.add (local.get $colptr) (i32.shr_u (local.get $j8) (i32.const 1)))) (i32.const 2))))
        (local.set $m (f64.load (i32.add (local.get $center) (local.get $j8))))
        (local.set $s0 (f64.const 0))
        (local.set $s1 (f64.const 0))
        (local.set $s2 (f64.const 0))
        (block $summed
          (loop $sum
            (br_if $summed (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $wi (f64.load (i32.add (local.get $w) (i32.shl (i32.load (local.get $k)) (i32.const 3)))))
            (local.set $d (f64.sub (if (result f64) (local.get $vals) (then (f64.load (local.get $x))) (else (f64.const 1))) (local.get $m)))
            (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $wi) (if (result f64) (local.get $vals) (then (f64.load (local.get $x))) (else (f64.const 1))))))
            (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $wi) (f64.mul (local.get $d) (local.get $d)))))
            (local.set $s2 (f64.add (local.get $s2) (local.get $wi)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $sum)))
        (f64.store (i32.add (local.get $q) (local.get $j8)) (local.get $s0))
        (local.set $d (f64.load (i32.add (local.get $inv) (local.get $j8))))
        (f64.store (i32.add (local.get $xv) (local.get $j8))
          (f64.mul (f64.mul (f64.add (local.get $s1) (f64.mul (f64.mul (local.get $m) (local.get $m)) (f64.sub (local.get $Q) (local.get $s2))))
            (local.get $d)) (local.get $d)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next))))

  ;; out[idx[t]] = scale·inv[j]·(Σ_k vals[k]·v[rows[k]] − center[j]·sumV), j = idx[t], t < count: the
  ;; products x̃_jᵀv of the standardized columns x̃_j = (x_j − center_j)·inv_j, sumV = Σ_i v[i].
  ;; The gather is written out here (no call per column: most sparse columns are short).
  (func (export "dot_many_sparse") (param $colptr i32) (param $rows i32) (param $vals i32) (param $idx i32)
      (param $count i32) (param $v i32) (param $out i32) (param $scale f64) (param $inv i32) (param $center i32)
      (param $sumV f64)
    (local $t i32) (local $j4 i32) (local $k i32) (local $end i32) (local $x i32) (local $s f64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $j4 (i32.shl (i32.load (i32.add (local.get $idx) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 2)))
        (local.set $k (i32.load (i32.add (local.get $colptr) (local.get $j4))))
        (local.set $x (i32.add (local.get $vals) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $k (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $end (i32.add (local.get $rows) (i32.shl (i32.load offset=4 (i32.add (local.get $colptr) (local.get $j4))) (i32.const 2))))
        (local.set $s (f64.const 0))
        (block $gathered
          (loop $gather
            (br_if $gathered (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $s (f64.add (local.get $s) (f64.mul (if (result f64) (local.get $vals) (then (f64.load (local.get $x))) (else (f64.const 1)))
              (f64.load (i32.add (local.get $v) (i32.shl (i32.load (local.get $k)) (i32.const 3)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $gather)))
        (local.set $j4 (i32.shl (local.get $j4) (i32.const 1)))
        (f64.store (i32.add (local.get $out) (local.get $j4))
          (f64.mul (f64.mul (local.get $scale) (f64.load (i32.add (local.get $inv) (local.get $j4))))
            (f64.sub (local.get $s) (f64.mul (f64.load (i32.add (local.get $center) (local.get $j4))) (local.get $sumV)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next))))

  ;; One coordinate-descent pass on residuals over sparse columns, list[0 … count), with the
  ;; centring and scaling folded in: x̃_j = (x_j − m_j)·a_j (m = center, a = inv) and the residual
  ;; r = ρ + o·u (ρ at r; u = uw, or 1 when uw = 0), whose constant part o is a scalar, so an update
  ;; touches only column j's rows. state = [o, S, Q]: S = Σ_i g_i r_i and Q = Σ_i g_i u_i (g = gw, or
  ;; 1 when gw = 0); q_j = Σ_k g·u·vals over column j. For each j: grad = gscale·a_j·(x_jᵀ(g∘ρ) +
  ;; o·q_j − m_j·S), u = grad + xv_j·β_j, β_j ← cmin(u, …), and when β_j moves by Δ: ρ −= Δ·a_j·(u∘x_j)
  ;; on the column's rows, o += Δ·a_j·m_j, S −= Δ·a_j·(q_j − m_j·Q). Returns max_j xv_j·Δ².
  ;; The gather and the scatter are written out (no calls per coordinate: most columns are short).
  (func (export "cd_pass_sparse")
      (param $colptr i32) (param $rows i32) (param $vals i32) (param $list i32) (param $count i32)
      (param $beta i32) (param $xv i32) (param $l1 i32) (param $l2 i32) (param $lo i32) (param $hi i32)
      (param $r i32) (param $gw i32) (param $gscale f64) (param $uw i32)
      (param $inv i32) (param $center i32) (param $q i32) (param $state i32) (result f64)
    (local $t i32) (local $j8 i32) (local $k i32) (local $k0 i32) (local $end i32) (local $x i32) (local $x0 i32) (local $i8 i32)
    (local $o f64) (local $S f64) (local $a f64) (local $m f64) (local $v f64) (local $old f64) (local $b f64) (local $d f64)
    (local $dlx f64) (local $s f64)
    (local.set $o (f64.load (local.get $state)))
    (local.set $S (f64.load offset=8 (local.get $state)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $j8 (i32.shl (i32.load (i32.add (local.get $list) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3)))
        (local.set $k0 (i32.load (i32.add (local.get $colptr) (i32.shr_u (local.get $j8) (i32.const 1)))))
        (local.set $x0 (i32.add (local.get $vals) (i32.shl (local.get $k0) (i32.const 3))))
        (local.set $k0 (i32.add (local.get $rows) (i32.shl (local.get $k0) (i32.const 2))))
        (local.set $end (i32.add (local.get $rows)
          (i32.shl (i32.load offset=4 (i32.add (local.get $colptr) (i32.shr_u (local.get $j8) (i32.const 1)))) (i32.const 2))))
        ;; s = Σ_k vals[k]·(g∘ρ)[rows[k]]
        (local.set $k (local.get $k0))
        (local.set $x (local.get $x0))
        (local.set $s (f64.const 0))
        (block $gathered
          (loop $gather
            (br_if $gathered (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $i8 (i32.shl (i32.load (local.get $k)) (i32.const 3)))
            (local.set $b (f64.mul (if (result f64) (local.get $vals) (then (f64.load (local.get $x))) (else (f64.const 1))) (f64.load (i32.add (local.get $r) (local.get $i8)))))
            (if (local.get $gw) (then (local.set $b (f64.mul (local.get $b) (f64.load (i32.add (local.get $gw) (local.get $i8)))))))
            (local.set $s (f64.add (local.get $s) (local.get $b)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $gather)))
        (local.set $old (f64.load (i32.add (local.get $beta) (local.get $j8))))
        (local.set $v (f64.load (i32.add (local.get $xv) (local.get $j8))))
        (local.set $a (f64.load (i32.add (local.get $inv) (local.get $j8))))
        (local.set $m (f64.load (i32.add (local.get $center) (local.get $j8))))
        (local.set $b (call $cmin
          (f64.add
            (f64.mul (f64.mul (local.get $gscale) (local.get $a))
              (f64.sub (f64.add (local.get $s) (f64.mul (local.get $o) (f64.load (i32.add (local.get $q) (local.get $j8)))))
                (f64.mul (local.get $m) (local.get $S))))
            (f64.mul (local.get $v) (local.get $old)))
          (local.get $v)
          (f64.load (i32.add (local.get $l1) (local.get $j8))) (f64.load (i32.add (local.get $l2) (local.get $j8)))
          (f64.load (i32.add (local.get $lo) (local.get $j8))) (f64.load (i32.add (local.get $hi) (local.get $j8)))))
        (local.set $d (f64.sub (local.get $b) (local.get $old)))
        (if (f64.ne (local.get $d) (f64.const 0))
          (then
            (f64.store (i32.add (local.get $beta) (local.get $j8)) (local.get $b))
            (local.set $a (f64.mul (local.get $d) (local.get $a)))
            ;; ρ[rows[k]] −= Δ·a·vals[k]·(u[rows[k]])
            (local.set $k (local.get $k0))
            (local.set $x (local.get $x0))
            (block $scattered
              (loop $scatter
                (br_if $scattered (i32.ge_u (local.get $k) (local.get $end)))
                (local.set $i8 (i32.add (local.get $r) (i32.shl (i32.load (local.get $k)) (i32.const 3))))
                (local.set $b (f64.mul (local.get $a) (if (result f64) (local.get $vals) (then (f64.load (local.get $x))) (else (f64.const 1)))))
                (if (local.get $uw) (then (local.set $b (f64.mul (local.get $b)
                  (f64.load (i32.add (local.get $uw) (i32.sub (local.get $i8) (local.get $r))))))))
                (f64.store (local.get $i8) (f64.sub (f64.load (local.get $i8)) (local.get $b)))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (local.set $x (i32.add (local.get $x) (i32.const 8)))
                (br $scatter)))
            (local.set $o (f64.add (local.get $o) (f64.mul (local.get $a) (local.get $m))))
            (local.set $S (f64.sub (local.get $S) (f64.mul (local.get $a)
              (f64.sub (f64.load (i32.add (local.get $q) (local.get $j8))) (f64.mul (local.get $m) (f64.load offset=16 (local.get $state)))))))
            (local.set $dlx (f64.max (local.get $dlx) (f64.mul (local.get $v) (f64.mul (local.get $d) (local.get $d)))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))
    (f64.store (local.get $state) (local.get $o))
    (f64.store offset=8 (local.get $state) (local.get $S))
    (local.get $dlx)))
