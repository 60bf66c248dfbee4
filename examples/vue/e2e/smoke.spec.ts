// Smoke tests of the five use cases in the Vue app: the same suite as the React app's, as both apps render
// the same roles, names and labels.
import { smokeTestTheFiveUseCases } from '../../e2e/smokeSuite';

smokeTestTheFiveUseCases();
