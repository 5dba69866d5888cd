/**
 * The CDK family: a cloud assembly ({@code cdk.out}) read through its manifest, its stacks loaded as CloudFormation
 * with the app's acknowledgements.
 */
package dev.ecrguard.load.cdk;
