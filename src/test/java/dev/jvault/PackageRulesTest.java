package dev.jvault;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape ARCHITECTURE.md gives: cli on top, calling the domain packages, which never call
 * back up and never form a cycle among themselves. A new import that breaks either fails here.
 */
class PackageRulesTest {

    private static final JavaClasses JVAULT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jvault");

    /** Each package on its own, sub-packages too: store.select, store.file and store.os are three slices, not one. */
    @Test
    void noPackagesFormACycleAtAnyDepth() {
        slices().matching("dev.jvault.(**)").should().beFreeOfCycles().check(JVAULT);
    }

    /** The stage the launcher's fast path loads: nothing that costs start-up time or opens a secret. */
    @Test
    void theTargetStageLoadsNoCommandLineStoreOrSdk() {
        noClasses().that().resideInAPackage("dev.jvault.target..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "software.amazon..", "org.jline..",
                        "org.bouncycastle..", "com.github.javakeyring..", "dev.jvault.store..", "dev.jvault.sts..",
                        "dev.jvault.prompt..", "dev.jvault.agent..", "dev.jvault.credentials..")
                .check(JVAULT);
    }

    /**
     * The config the fast path reads, without the SDK, which is not even on its class path: the
     * partition data is jvault's own copy of the SDK's (AwsPartition).
     */
    @Test
    void theConfigLoadsNoSdk() {
        noClasses().that().resideInAPackage("dev.jvault.config..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "picocli..", "org.jline..")
                .check(JVAULT);
    }

    @Test
    void onlyTheEntryPointsUseTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("dev.jvault.cli..")
                .and().doNotHaveFullyQualifiedName("dev.jvault.Main")
                .and().doNotHaveFullyQualifiedName("dev.jvault.AotTraining")
                .should().dependOnClassesThat().resideInAPackage("dev.jvault.cli..")
                .check(JVAULT);
    }

    @Test
    void theStoreKnowsNoPromptAndPromptsKnowNoSts() {
        noClasses().that().resideInAPackage("dev.jvault.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.jvault.prompt..").check(JVAULT);
        noClasses().that().resideInAPackage("dev.jvault.prompt..")
                .should().dependOnClassesThat().resideInAPackage("dev.jvault.sts..").check(JVAULT);
    }
}
