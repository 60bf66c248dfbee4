// Smoke tests of the five use cases in the React app.
import { smokeTestTheFiveUseCases } from '../../e2e/smokeSuite';

smokeTestTheFiveUseCases();
