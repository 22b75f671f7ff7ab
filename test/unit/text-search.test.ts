// Folding, tokenising and slugging text, and the directory's word index with prefix matching.
import { expect } from 'chai';
import fc from 'fast-check';
import { foldText, slugify, tokenize } from '../../server/shared/text/normalize.ts';
import { TextIndex } from '../../server/directory/engine/text-index.ts';

describe('foldText', () => {
  it('when a name has accents and capitals, then it folds to plain lower case', () => {
    expect(foldText('Liège')).to.equal('liege');
    expect(foldText('LÜTTICH')).to.equal('luttich');
    expect(foldText('Besançon')).to.equal('besancon');
  });

  it('when a name has ligatures or letters without a decomposition, then they are spelled out', () => {
    expect(foldText('Cœur de Bœuf')).to.equal('coeur de boeuf');
    expect(foldText('Straße')).to.equal('strasse');
    expect(foldText('Ærøskøbing')).to.equal('aeroskobing');
    expect(foldText('Łódź')).to.equal('lodz');
  });

  it('when text is written in precomposed and in decomposed form, then both fold the same', () => {
    expect(foldText('Lie\u0300ge')).to.equal(foldText('Li\u00e8ge'));
  });
});

describe('tokenize', () => {
  it('when a name has hyphens, apostrophes and punctuation, then only the words remain', () => {
    expect(tokenize("L'Atelier – Saint-Lizier (Ariège)")).to.deep.equal(['l', 'atelier', 'saint', 'lizier', 'ariege']);
  });

  it('when text has digits, then they are kept as words', () => {
    expect(tokenize('Rue de Namur 12, 4000 Liège')).to.deep.equal(['rue', 'de', 'namur', '12', '4000', 'liege']);
  });

  it('when text is empty or only punctuation, then there are no tokens', () => {
    expect(tokenize('')).to.deep.equal([]);
    expect(tokenize(' – , ! ')).to.deep.equal([]);
  });
});

describe('slugify', () => {
  it('when a name has accents, spaces and punctuation, then the slug is lower-case words joined by dashes', () => {
    expect(slugify('Coworking Liège test')).to.equal('coworking-liege-test');
    expect(slugify("L'Atelier – Café")).to.equal('l-atelier-cafe');
  });

  it('when a name is very long, then the slug is at most 80 characters', () => {
    const slug = slugify('Tiers-lieu de la Haute Vallée de la Semois '.repeat(5));

    expect(slug.length).to.be.at.most(80);
    expect(slug.startsWith('tiers-lieu-de-la-haute-vallee-de-la-semois-tiers-lieu')).to.equal(true);
  });

  it('when a name has no letters or digits, then a placeholder slug is used', () => {
    expect(slugify('!!! ???')).to.equal('location');
  });
});

describe('TextIndex', () => {
  /** A word index with each entry's own tokens beside it, as the directory keeps them. */
  class IndexedTexts {
    private readonly index = new TextIndex();
    private readonly tokens = new Map<string, string[]>();

    add(id: string, tokens: string[]): void {
      this.tokens.set(id, tokens);
      this.index.add(id, tokens);
    }

    remove(id: string, tokens: string[]): void {
      this.tokens.delete(id);
      this.index.remove(id, tokens);
    }

    search(query: string[]): Set<string> | undefined {
      return this.index.search(query, (id) => this.tokens.get(id)!);
    }
  }

  function indexOf(entries: Record<string, string>): IndexedTexts {
    const index = new IndexedTexts();
    for (const [id, text] of Object.entries(entries)) index.add(id, tokenize(text));
    return index;
  }

  it('when any query is asked of any entries, then exactly those having a word starting with each query word are found', () => {
    const word = fc.stringMatching(/^[a-e]{1,4}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { maxLength: 5 }), { maxLength: 30 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        (texts, query) => {
          const index = new IndexedTexts();
          texts.forEach((tokens, i) => index.add(`e${i}`, tokens));
          const expected = texts
            .map((tokens, i) => ({ id: `e${i}`, tokens }))
            .filter(({ tokens }) => query.every((q) => tokens.some((t) => t.startsWith(q))))
            .map(({ id }) => id);
          expect([...index.search(query)!].sort()).to.deep.equal(expected.sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when a query word is the start of an indexed word, then the entry is found', () => {
    const index = indexOf({ liege: 'Coworking Liège test', namur: 'Fablab Namur test' });

    expect([...index.search(['cowork'])!]).to.deep.equal(['liege']);
    expect([...index.search(['fab'])!]).to.deep.equal(['namur']);
  });

  it('when a query word only occurs in the middle of a word, then nothing is found', () => {
    const index = indexOf({ liege: 'Coworking Liège test' });

    expect([...index.search(['working'])!]).to.deep.equal([]);
  });

  it('when a query has several words, then only entries having all of them are found', () => {
    const index = indexOf({
      liege: 'Coworking Liège test',
      namur: 'Coworking Namur test',
      havelte: 'Dorpshuis Havelte test',
    });

    expect([...index.search(['coworking', 'nam'])!]).to.deep.equal(['namur']);
    expect([...index.search(['coworking'])!].sort()).to.deep.equal(['liege', 'namur']);
    expect([...index.search(['dorpshuis', 'namur'])!]).to.deep.equal([]);
  });

  it('when the query has no words, then no word filter applies', () => {
    const index = indexOf({ liege: 'Coworking Liège test' });

    expect(index.search([])).to.equal(undefined);
  });

  it('when a word is indexed for several entries, then each is found once', () => {
    const index = indexOf({ a: 'Namur Namur', b: 'Fablab Namur' });

    expect([...index.search(['namur'])!].sort()).to.deep.equal(['a', 'b']);
  });

  it('when an entry is removed, then it is no longer found but others sharing its words still are', () => {
    const index = indexOf({ liege: 'Coworking Liège test', namur: 'Coworking Namur test' });

    index.remove('liege', tokenize('Coworking Liège test'));

    expect([...index.search(['coworking'])!]).to.deep.equal(['namur']);
    expect([...index.search(['liege'])!]).to.deep.equal([]);
  });

  it('when words are added after a search, then later searches find them', () => {
    const index = indexOf({ liege: 'Coworking Liège test' });
    index.search(['co']);

    index.add('dwingeloo', tokenize('Coöperatieve werkplek Dwingeloo'));

    expect([...index.search(['co'])!].sort()).to.deep.equal(['dwingeloo', 'liege']);
    expect([...index.search(['cooperatieve'])!]).to.deep.equal(['dwingeloo']);
  });

  it('when the only entry with a word is removed after a search, then prefix searches still find the rest', () => {
    const index = indexOf({ a: 'Havelte', b: 'Haarlem', c: 'Hasselt' });
    index.search(['ha']);

    index.remove('b', ['haarlem']);

    expect([...index.search(['ha'])!].sort()).to.deep.equal(['a', 'c']);
    expect([...index.search(['has'])!]).to.deep.equal(['c']);
  });
});
