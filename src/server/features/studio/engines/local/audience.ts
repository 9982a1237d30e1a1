// Who the text is for: the brand profile's target audience when set, otherwise inferred from the
// words the text uses most, against a small lexicon of audiences (in the text's language).
import type { BrandVoice, Language } from '../../../../../shared/studio/studio-types.ts';
import type { AnalyzedSentence } from './sentences.ts';
import { clip } from './text-utils.ts';

interface AudienceEntry {
  label: Record<Language, string>;
  /** Word keys as sentences.ts folds them (lower case, plural folded), English and French. */
  words: string[];
}

const lexicon: AudienceEntry[] = [
  {
    label: { en: 'developers and engineering teams', fr: 'les développeurs et les équipes techniques' },
    words:
      `developer code api software engineer engineering deploy deployment bug database framework javascript
      typescript python github backend frontend devops développeur développeuse logiciel déploiement serveur`.split(
        /\s+/u,
      ),
  },
  {
    label: { en: 'marketers and content creators', fr: 'les marketeurs et les créateurs de contenu' },
    words:
      `marketing brand content social seo campaign audience engagement linkedin instagram tiktok newsletter
      copywriting influencer creator marque contenu réseau campagne créateur publication`.split(/\s+/u),
  },
  {
    label: { en: 'founders and business leaders', fr: 'les fondateurs et les dirigeants d’entreprise' },
    words: `startup founder revenue growth investor funding business customer sale pricing saas market
      entreprise fondateur croissance investisseur client vente marché levée`.split(/\s+/u),
  },
  {
    label: { en: 'food lovers and restaurant guests', fr: 'les gourmands et les amateurs de bonne cuisine' },
    words: `recipe food restaurant chef menu cooking dish kitchen wine bakery dessert recette cuisine plat vin
      boulangerie produit saison dégustation`.split(/\s+/u),
  },
  {
    label: { en: 'data and AI practitioners', fr: 'les professionnels de la donnée et de l’IA' },
    words: `data analytic model machine learning llm dataset algorithm neural donnée modèle intelligence
      artificielle algorithme apprentissage`.split(/\s+/u),
  },
  {
    label: { en: 'designers and product teams', fr: 'les designers et les équipes produit' },
    words: `design designer interface typography prototype usability product maquette typographie produit
      ergonomie`.split(/\s+/u),
  },
  {
    label: { en: 'students and educators', fr: 'les étudiants et les enseignants' },
    words: `student teacher course learning school education lesson university étudiant enseignant cour école
      formation apprentissage université`.split(/\s+/u),
  },
  {
    label: { en: 'people who care about their health', fr: 'celles et ceux qui prennent soin de leur santé' },
    words: `health patient doctor fitness wellness nutrition sleep exercise santé médecin sport sommeil
      bien-être`.split(/\s+/u),
  },
  {
    label: { en: 'managers and team leads', fr: 'les managers et les responsables d’équipe' },
    words: `team manager leadership hiring remote meeting productivity employee équipe management recrutement
      télétravail réunion productivité salarié`.split(/\s+/u),
  },
  {
    label: {
      en: 'investors and finance professionals',
      fr: 'les investisseurs et les professionnels de la finance',
    },
    words: `finance investing investment money budget tax stock saving investissement argent impôt épargne
      bourse`.split(/\s+/u),
  },
];

export function inferAudience(
  sentences: AnalyzedSentence[],
  brand: BrandVoice | null,
  language: Language,
  topic: string,
): string {
  const declared = brand?.targetAudience?.replace(/\s+/gu, ' ').trim();
  if (declared) return clip(declared, 120);
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of sentence.terms) if (term) counts.set(term.key, (counts.get(term.key) ?? 0) + 1);
  }
  let best: AudienceEntry | null = null;
  let bestHits = 1; // two mentions at least, or it is a guess
  for (const entry of lexicon) {
    const hits = entry.words.reduce((sum, word) => sum + (counts.get(word) ?? 0), 0);
    if (hits > bestHits) {
      best = entry;
      bestHits = hits;
    }
  }
  if (best) return best.label[language];
  return language === 'fr'
    ? clip(`les lecteurs intéressés par ${topic}`, 120)
    : clip(`readers interested in ${topic}`, 120);
}
