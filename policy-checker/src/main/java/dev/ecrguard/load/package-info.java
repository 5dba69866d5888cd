/**
 * Shared reading of inputs: the folder walk (resolve, read once, sniff, load, record), strict JSON and YAML reading
 * with their limits (a large compact JSON file in two parts at once), and the {@code Loader} interface each input
 * family implements.
 */
package dev.ecrguard.load;
