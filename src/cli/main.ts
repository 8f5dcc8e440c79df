#!/usr/bin/env node
// The `proxpath` command: argument parsing and the exit-status contract (DESIGN §2).
// Every error goes through reportError: a user's mistake is one `error: ...` line, exit 2.

// The commands are imported when they run (each pulls in the solvers, the hosts or the bench):
// `--help` and a usage error load only this file's flags and their option lists.

import { Command, Option } from 'commander';
import type { BenchCommandFlags } from './bench-command.js';
import type { CvFlags } from './cv-command.js';
import { OUTPUT_FORMATS } from './deliver.js';
import { INPUT_FORMATS } from './input-format.js';
import type { PredictFlags } from './predict-command.js';
import { MEASURE_NAMES } from '../cv/measures.js';
import { ALIGNMENTS } from '../cv/cv-options.js';
import { LOSS_PARAMS } from '../losses/registry.js';
import { PREDICT_TYPES } from '../problem/result.js';
import { BACKENDS, LOSSES, MULTINOMIAL_TYPES, PENALTIES, SOLVERS, type FitFlags } from './options.js';
import { EXIT_USAGE, reportError } from './report.js';

/** --input-format of fit, cv and predict (input-format.ts). */
function inputFormatOption(): Option {
  return new Option('--input-format <format>', 'the data file\'s format (default: by its extension: .csv; .libsvm, .svm, .svmlight; .mtx; .parquet; .arrow, .feather, .ipc; any other: csv)').choices(INPUT_FORMATS);
}

/** What the <data> argument of fit, cv and predict may be. */
const DATA_FILE = 'data file: CSV with a header row, libsvm, Matrix Market (.mtx, with --y), Parquet or Arrow IPC';

/** The data and model flags that fit and cv share (cv's --alpha also takes a grid). */
function withModelFlags(command: Command, alphaFlag: string, alphaHelp: string): Command {
  command
    .addOption(inputFormatOption())
    .option('--target <column>', 'response column (default: y if present, else the last column; libsvm: the labels)')
    .option('--weights <column>', 'observation-weights column')
    .option('--offset <column>', 'offset column: a known part of each row\'s linear predictor (glmnet\'s offset; predict then needs one)')
    .option('--y <file>', 'Matrix Market data: the target, one number per line (or a one-column .mtx)')
    .option('--weights-file <file>', 'libsvm and Matrix Market data: the observation weights, one number per line')
    .option('--offset-file <file>', 'libsvm and Matrix Market data: the offsets, one number per line')
    .addOption(new Option('--loss <name>', 'loss (default: squared; multinomial: the target holds class labels, C ≥ 3)').choices(LOSSES))
    .addOption(new Option('--type-multinomial <type>', 'loss multinomial: ungrouped (a lasso per coefficient, default) or grouped (one group per feature across the classes); glmnet\'s type.multinomial').choices(MULTINOMIAL_TYPES));
  // The losses' parameters, from their specs: --delta <D>, --tau <T>.
  for (const { key, description } of LOSS_PARAMS) command.option(`--${key} <${key[0].toUpperCase()}>`, description);
  return command
    .addOption(new Option('--penalty <name>', 'penalty (default: enet, the elastic net; mcp and scad are nonconvex: local optima)').choices(PENALTIES))
    .option('--gamma <G>', 'MCP (γ > 1, default 3) or SCAD (γ > 2, default 3.7) concavity')
    .option('--groups <g1,g2,...>', 'group and sparse-group: one group label per feature, in feature order')
    .option('--groups-file <file>', 'group and sparse-group: the group labels, one per line, in feature order')
    .option(alphaFlag, alphaHelp)
    .option('--nlambda <K>', 'number of λ values of the default sequence')
    .option('--lambda-min-ratio <R>', 'λ_min / λ_max of the default sequence')
    .option('--lambda <l1,l2,...>', 'λ values to use instead of the default sequence')
    .option('--penalty-factor <v1,v2,...>', 'penalty factor per feature (0: unpenalized, inf: excluded)')
    .option('--lower <x|x1,x2,...>', 'lower bound(s) on the coefficients (≤ 0, -inf allowed)')
    .option('--upper <x|x1,x2,...>', 'upper bound(s) on the coefficients (≥ 0, inf allowed)')
    .option('--no-standardize', 'solve on the unscaled columns')
    .option('--no-intercept', 'fit no intercept')
    .option('--tol <T>', 'convergence threshold')
    .option('--max-iter <M>', 'most coordinate-descent passes per λ (default 100000)')
    .option('--dfmax <D>', 'glmnet\'s dfmax: the path ends at the first λ with more than D nonzero coefficients')
    .option('--pmax <P>', 'glmnet\'s pmax: the path ends before the first λ at which more than P features were ever nonzero')
    .option('--exclude <f1,f2,...>', 'features kept at 0: names, or 1-based positions among the features (glmnet\'s exclude)')
    .addOption(new Option('--backend <name>', 'where to compute: auto (a hardware GPU, else the CPU), webgpu (the GPU or an error), cpu').choices(BACKENDS))
    .addOption(new Option('--solver <name>', 'CPU method: cd (coordinate descent), batched (the GPU iteration in float64)').choices(SOLVERS))
    .option('--polish', 'finish each batched (WebGPU) solution with float64 coordinate descent on the CPU')
    .option('--relax', 'the relaxed lasso (glmnet\'s relax = TRUE): also refit each λ\'s support without penalty (the JSON\'s relaxed); cv: over (γ, λ)')
    .option('--gamma-relax <g1,g2,...>', 'with --relax: the γ grid of the blends γ·penalized + (1 − γ)·refit, each in [0, 1] (default 0,0.25,0.5,0.75,1)')
    .option('--drop-incomplete', 'drop rows with NA, NaN or empty cells (with a warning)');
}

/** --format of fit and cv (deliver.ts). */
function formatOption(): Option {
  return new Option('--format <format>', 'stdout: json (the result), or table (glmnet\'s print(); the JSON then goes only to --out); default: table on a terminal, else json').choices(OUTPUT_FORMATS);
}

/** proxpath fit: a path to a CSV (or another input format) written as JSON. */
function addFit(cli: Command): void {
  withModelFlags(
    cli
      .command('fit')
      .description('fit a regularization path to a data file and write the result as JSON')
      .argument('<data>', DATA_FILE),
    '--alpha <A>',
    'mixing: elastic net 1 lasso, 0 ridge; mcp/scad/group with ridge (α·P + (1−α)/2·β²); sparse-group ℓ1 vs group (default 0.95)',
  )
    .option('--stream', 'squared loss, CSV: read the file in one pass without holding its rows (any number of them: the fit is made from their weighted sums); chosen by itself when the rows would not fit in memory')
    .option('--breakpoints', 'absolute and quantile losses with the lasso: trace the exact path through every λ where its solution changes (the JSON\'s breakpoints: each λ and the coefficients just below it)')
    .option('--out <file>', 'write the result JSON here (default: stdout, when the JSON goes there: see --format)')
    .addOption(formatOption())
    .action(async (data: string, flags: FitFlags) => (await import('./fit-command.js')).fitCommand(data, flags));
}

/** proxpath cv: the cross-validated path, a loadable model. */
function addCv(cli: Command): void {
  withModelFlags(
    cli
      .command('cv')
      .description('cross-validate the path (K folds; one α or a grid) and write the CV result (a loadable model) as JSON')
      .argument('<data>', DATA_FILE),
    '--alpha <A|A1,A2,...>',
    'mixing (see fit --help), or a grid of values cross-validated on the same folds',
  )
    .option('--folds <K>', 'number of folds (default 10, at least 3)')
    .option('--foldid <file>', 'fold number (1…K) of each data row, one per line')
    .option('--seed <S>', 'seed of the random folds (default 1)')
    .option('--stratify', 'logistic loss: deal each class evenly over the folds')
    .addOption(new Option('--measure <name>', 'CV error (default: mse for squared, else deviance; multinomial: deviance, class, mse, mae)').choices(MEASURE_NAMES))
    .addOption(new Option('--alignment <how>', 'lambda: every fold on the full fit\'s λ (default; cv.glmnet given λ); fold-paths: every fold on its own λ path, read at the full fit\'s λ (cv.glmnet\'s default)').choices(ALIGNMENTS))
    .option('--workers <N|auto>', 'fold fits at once in worker threads (default auto: the CPU count, at most 8, when the folds take long enough to pay for threads)')
    .option('--out <file>', 'write the CV result JSON here (default: stdout, when the JSON goes there: see --format)')
    .addOption(formatOption())
    .action(async (data: string, flags: CvFlags) => (await import('./cv-command.js')).cvCommand(data, flags));
}

/** proxpath predict: one prediction per row of new data from a saved model. */
function addPredict(cli: Command): void {
  cli
    .command('predict')
    .description('predict the rows of a data file with a saved fit or CV result; writes one prediction per row as CSV')
    .argument('<model>', 'JSON written by proxpath fit or proxpath cv')
    .argument('<data>', `${DATA_FILE}, holding the model's feature columns (others are ignored)`)
    .addOption(inputFormatOption())
    .option('--lambda <value|min|1se>', 'λ to predict at (default: the last fitted λ; for a CV result λ_1se); min and 1se need a CV result')
    .option('--alpha <A>', 'CV result with an α grid: the α to use (default: the best)')
    .option('--offset <column>', 'the new rows\' offset column, added to the link (needed exactly when the model was fit with an offset)')
    .option('--offset-file <file>', 'libsvm and Matrix Market data: the new rows\' offsets, one number per line')
    .option('--gamma <G|min|1se>', 'relaxed model (--relax): the blend γ·penalized + (1 − γ)·refit, γ in [0, 1] (default: 1 for a fit; for a CV result the γ of its λ choice); min and 1se need a CV result')
    .addOption(new Option('--type <type>', 'link (b0 + xβ), response (mean: probability, rate), class (logistic); a multinomial model: link and response one column per class, class the label').choices(PREDICT_TYPES).default('link'))
    .option('--out <file>', 'write the predictions here (default: stdout)')
    .action(async (model: string, data: string, flags: PredictFlags) => (await import('./predict-command.js')).predictCommand(model, data, flags));
}

/** proxpath bench: the benchmark matrix and its reports. */
function addBench(cli: Command): void {
  cli
    .command('bench')
    .description('benchmark a matrix of sizes, losses and backends (CPU, WebGPU in Chrome, Dawn, glmnet, scikit-learn); writes JSON, Markdown and HTML reports')
    .option('--large', 'the large preset, for real GPUs')
    .option('--tiny', 'the smallest preset (a smoke run)')
    .option('--n <n1,n2,...>', 'sample counts (the first is the base)')
    .option('--p <p1,p2,...>', 'feature counts (the first is the base)')
    .option('--nlambda <K1,K2,...>', 'λ counts (the first is the base)')
    .option('--loss <l1,l2,...>', 'losses')
    .option('--alpha <a1,a2,...>', 'elastic-net mixings')
    .option('--folds <f1,f2,...>', '0 (a path fit) or CV fold counts')
    .option('--design <star|grid>', 'star: vary one size at a time from the base (default); grid: every combination')
    .option('--backends <b1,b2,...>', 'cpu, cpu-batched, chromium, dawn, glmnet, sklearn (default: cpu,chromium,glmnet,sklearn, and dawn on a hardware adapter)')
    .option('--repeats <R>', 'timed runs per case and backend, after one warm-up')
    .option('--max-case-seconds <S>', 'no further timed run once a case has taken this long on one backend')
    .option('--lambda-min-ratio <R>', 'λ_min / λ_max (default: glmnet\'s)')
    .option('--seed <S>', 'seed of the synthetic data')
    .option('--dawn-timeout <S>', 'time limit of each Dawn case (a child process), seconds')
    .option('--cpu-timeout <S>', 'time limit of each case on the CPU runners (warm-up and timed runs), seconds (default: none)')
    .option('--budget <S>', 'time budget of the whole matrix, seconds: no case starts once it is spent, and CPU and Dawn runs stop at what is left (default: none)')
    .option('--project-flops <R>', 'projection of GPU time from counted work: sustained FLOP/s (default 20e12)')
    .option('--project-bandwidth <B>', 'projection: sustained bytes/s (default 2e12)')
    .option('--project-submit <s>', 'projection: seconds per queue submit (default 10e-6)')
    .option('--project-readback <r>', 'projection: seconds per readback (default 200e-6)')
    .option('--project-step <t>', 'projection: seconds per coordinate step of a Newton model solve on the device (default 0.5e-6)')
    .option('--chrome <path>', 'the Chrome or Chromium to launch (default: $CHROME_PATH, else the system\'s)')
    .option('--chrome-flag <flag>', 'an extra browser flag, or the preset linux-gpu (repeatable)', (flag: string, all: string[] = []) => [...all, flag])
    .option('--browser-url <url>', 'benchmark a running Chrome (started with --remote-debugging-port) at its DevTools endpoint')
    .option('--out <dir>', 'where to write results.json, .md and .html', 'bench-results')
    .option('--no-progress', 'no progress bar')
    .action(async (flags: BenchCommandFlags) => (await import('./bench-command.js')).benchCommand(flags));
}

function program(): Command {
  const cli = new Command('proxpath')
    .description('Penalized GLM regularization paths, any loss with any penalty, on WebGPU or the CPU.')
    // Commander throws instead of exiting, and prints nothing itself: reportError prints its message.
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  addFit(cli);
  addCv(cli);
  addPredict(cli);
  addBench(cli);

  cli
    .command('report')
    .description('re-render a saved benchmark run (results.json) as Markdown and HTML')
    .argument('<results>', 'results.json written by proxpath bench')
    .option('--out <dir>', 'where to write the .md and .html (default: next to the JSON)')
    .action(async (file: string, flags: { out?: string }) => (await import('./report-command.js')).reportCommand(file, flags));

  cli
    .command('demo')
    .description('fit the lasso path of the diabetes data, print a table and write result.json')
    .action(async () => (await import('./demo.js')).demoCommand());

  cli
    .command('info')
    .description('show the runtime, the WebGPU adapters found (limits, fallback or not) and the backend a fit would use')
    .action(async () => (await import('./info.js')).infoCommand());

  return cli;
}

async function main(argv: string[]): Promise<number> {
  try {
    if (argv.length === 0) {
      // Commander would print the whole help on stderr: keep the one-line contract instead.
      process.stderr.write('error: no command given: use proxpath fit, cv, predict, bench, report, demo or info (see proxpath --help)\n');
      return EXIT_USAGE;
    }
    await program().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

// exitCode, not process.exit(): stdout and stderr are flushed before the process ends.
process.exitCode = await main(process.argv.slice(2));
// Whatever is still closing (fold worker threads, a browser after a Ctrl-C) gets a moment, not
// a say in when the command ends; the timer itself keeps nothing alive.
setTimeout(() => process.exit(), 2000).unref();
