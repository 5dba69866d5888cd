<#-- The template of the project's NOTICE. Regenerate NOTICE with: mvn -B -pl policy-checker -am license:add-third-party -->ecr-guard
Copyright 2026 The ecr-guard maintainers

Licensed under the Apache License, Version 2.0 (LICENSE).

The command-line jar (ecr-guard.jar, published as dev.ecrguard:ecr-guard-cli) bundles the
following ${dependencyMap?size} third-party libraries, each under its own licence:

<#list dependencyMap as e>
<#assign project = e.getKey()/>
- ${project.name} (${project.groupId}:${project.artifactId}:${project.version})<#if project.url??> ${project.url}</#if>
  Licence: <#list e.getValue() as licence>${licence}<#sep>; </#list>
</#list>

This file is generated from the dependency tree by license-maven-plugin (org.codehaus.mojo);
do not edit it by hand. Regenerate it with:
  mvn -B -pl policy-checker -am license:add-third-party
