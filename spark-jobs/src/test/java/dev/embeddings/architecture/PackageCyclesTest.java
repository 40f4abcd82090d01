package dev.embeddings.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way (corpus -> vocabulary -> shards -> training -> vectors -> evaluation/publishing ->
 * fine-tuning), so no package of common or spark-jobs depends, directly or through others, on a package that depends
 * on it. A package is one slice whichever module holds its classes: both modules' {@code dev.embeddings.averaging}
 * are one package.
 */
class PackageCyclesTest {

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.embeddings");
        slices().matching("dev.embeddings.(**)").should().beFreeOfCycles().check(classes);
    }
}
