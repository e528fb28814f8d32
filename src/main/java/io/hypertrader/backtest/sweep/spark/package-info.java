/**
 * Sweeps on Apache Spark ({@code --engine spark}, docs/sweeps.md): {@link
 * io.hypertrader.backtest.sweep.spark.SparkTrialEngine} runs a study's trials as Spark tasks and keeps
 * them as Parquet ({@link io.hypertrader.backtest.sweep.spark.TrialRows}, {@link
 * io.hypertrader.backtest.sweep.spark.CurveCodec}), so an interrupted study resumes.
 *
 * <p>The only package that needs Spark, a provided dependency: nothing outside it names a Spark
 * class, and the CLI opens the engine by name ({@code ResumableTrialEngine.spark}), so the launcher
 * runs without Spark on its classpath and {@code --engine spark} there says how to run it.
 */
package io.hypertrader.backtest.sweep.spark;
