/**
 * Everything that waives a finding: waivers the input carries, CDK acknowledgements, the waiver file and the
 * baseline, applied to the rules' findings into a {@link dev.ecrguard.waivers.Result}.
 */
package dev.ecrguard.waivers;
