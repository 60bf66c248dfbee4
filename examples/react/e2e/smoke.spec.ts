// Smoke tests of the five use cases in the React app.
import { smokeTestTheFiveUseCases } from './smokeSuite';

smokeTestTheFiveUseCases();
