// Prints "<trainer image tag> <folder of trained entries>" for scripts/test-deeplearning-adapters.sh.
import { trainDeepLearning, trainerTag, type Trainer } from "../app/core/model/testing/deep-learning-models";

async function main(): Promise<void> {
  const trainer = (process.argv[2] ?? "keras") as Trainer;
  const { root } = await trainDeepLearning(trainer);
  process.stdout.write(`${trainerTag(trainer)} ${root}\n`);
}
void main();
