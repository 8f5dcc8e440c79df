;; Float64 vector kernels for the CPU path, in WebAssembly SIMD (two doubles per lane group).
;; Every array is a byte address into the imported memory; n counts doubles. Each loop takes
;; four doubles per step in two independent accumulators, then finishes the tail one by one.
(module
  (import "env" "memory" (memory 1))

  ;; Σ a[i]·b[i]
  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64)
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
  (func (export "dot3") (param $a i32) (param $w i32) (param $b i32) (param $n i32) (result f64)
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
  (func (export "axpy") (param $alpha f64) (param $x i32) (param $y i32) (param $n i32)
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
  (func (export "axpy3") (param $alpha f64) (param $x i32) (param $w i32) (param $y i32) (param $n i32)
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
          (f64.mul (local.get $alpha) (f64.mul (f64.load (local.get $w)) (f64.load (local.get $x)))))))));; out[t] = Σ_i X[i, idx[t]]·b[i] for t < count: many columns of a column-major X (nRows rows)
  ;; against one vector, in one call (the KKT check over all discarded features).
  (func (export "dot_many") (param $x i32) (param $nRows i32) (param $idx i32) (param $count i32)
      (param $b i32) (param $out i32)
    (local $t i32) (local $a i32) (local $p i32) (local $end i32) (local $tailEnd i32)
    (local $acc0 v128) (local $acc1 v128) (local $s f64)
    (block $all_done
      (loop $column
        (br_if $all_done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $a (i32.add (local.get $x)
          (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $t) (i32.const 2))))
                   (i32.shl (local.get $nRows) (i32.const 3)))))
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
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $t) (i32.const 3))) (local.get $s))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $column)))))
