import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldErrors } from '../client/errors';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { BookEditorQuery } from '../gql/graphql';
import { AvailabilityFieldsFragment } from '../library/availability';
import { ActionForm, type ActionState } from '../ui/actions';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TextAreaField, TextField } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { Page } from '../ui/Page';

/** What the editor shows and saves: read by the page's query and answered by updateBook. */
const BookEditorFragment = graphql(`
  fragment BookEditor_book on Book {
    id
    title
    description
    isbn
    publishedYear
    pageCount
    coverUrl
    price {
      amount
      currency
    }
    authors {
      id
      name
    }
    categories {
      id
    }
  }
`);

const BookEditorQueryDocument = graphql(`
  query BookEditor($id: ID!, $withBook: Boolean!) {
    categories {
      id
      name
    }
    book(id: $id) @include(if: $withBook) {
      id
      stock
      ...BookEditor_book
      availability {
        ...AvailabilityFields
      }
    }
  }
`);

const CreateBookMutation = graphql(`
  mutation CreateBook($input: CreateBookInput!) {
    createBook(input: $input) {
      id
      title
    }
  }
`);

const UpdateBookMutation = graphql(`
  mutation UpdateBook($id: ID!, $input: UpdateBookInput!) {
    updateBook(id: $id, input: $input) {
      id
      ...BookEditor_book
    }
  }
`);

const RestockMutation = graphql(`
  mutation Restock($bookId: ID!, $quantity: Int!) {
    restock(bookId: $bookId, quantity: $quantity) {
      id
      stock
    }
  }
`);

const SetLendingCopiesMutation = graphql(`
  mutation SetLendingCopies($bookId: ID!, $copies: Int!) {
    setLendingCopies(bookId: $bookId, copies: $copies) {
      ...AvailabilityFields
    }
  }
`);

const CreateCategoryMutation = graphql(`
  mutation CreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      id
      name
    }
  }
`);

type Book = NonNullable<BookEditorQuery['book']>;
type BookDetails = FragmentType<typeof BookEditorFragment>;
const fields = ['title', 'authorNames', 'categoryIds', 'price', 'stock', 'isbn', 'publishedYear', 'pageCount', 'description', 'coverUrl'];

/** Optional whole number from a form field: empty is null. */
const intOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

function BookForm({ details, categories }: { details: BookDetails | undefined; categories: { id: string; name: string }[] }) {
  const book = details ? getFragmentData(BookEditorFragment, details) : undefined;
  const navigate = useNavigate();
  const [form, setForm] = useState({
    title: book?.title ?? '',
    authors: book?.authors.map((author) => author.name).join(', ') ?? '',
    categoryIds: book?.categories.map((category) => category.id) ?? [],
    price: book?.price.amount ?? '',
    stock: book ? '' : '0',
    isbn: book?.isbn ?? '',
    publishedYear: book?.publishedYear ? String(book.publishedYear) : '',
    pageCount: book?.pageCount ? String(book.pageCount) : '',
    description: book?.description ?? '',
    coverUrl: book?.coverUrl ?? '',
  });
  const [create, created] = useMutation(CreateBookMutation);
  const [update, updated] = useMutation(UpdateBookMutation);
  const error = book ? updated.error : created.error;
  const errors = fieldErrors(error);
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  const submit = () => {
    const common = {
      title: form.title,
      authorNames: form.authors.split(',').map((name) => name.trim()).filter(Boolean),
      categoryIds: form.categoryIds,
      price: form.price,
      isbn: form.isbn.trim() || null,
      publishedYear: intOrNull(form.publishedYear),
      pageCount: intOrNull(form.pageCount),
      description: form.description.trim() || null,
      coverUrl: form.coverUrl.trim() || null,
    };
    if (book) return update({ variables: { id: book.id, input: common } });
    return create({ variables: { input: { ...common, stock: Number(form.stock) || 0 } } }).then((result) => result.data && navigate(`/staff/books/${result.data.createBook.id}`, { replace: true }));
  };

  return (
    <ActionForm
      className="stack-form"
      aria-labelledby="book-form-title"
      run={submit}
      state={{ loading: created.loading || updated.loading, error }}
      fields={fields}
      done={updated.data && !updated.loading && 'Saved.'}
      submitLabel={book ? 'Save changes' : 'Create book'}
    >
      <h2 id="book-form-title">{book ? 'Details' : 'New book'}</h2>
      <TextField label="Title" required value={form.title} onChange={set('title')} error={errors['title']} />
      <TextField label="Authors" required hint="Separate several with commas." value={form.authors} onChange={set('authors')} error={errors['authorNames']} />
      <fieldset className="field">
        <legend>Categories</legend>
        <div className="radio-row">
          {categories.map((category) => (
            <label key={category.id} className="radio">
              <input
                type="checkbox"
                checked={form.categoryIds.includes(category.id)}
                onChange={(event) => setForm({ ...form, categoryIds: event.target.checked ? [...form.categoryIds, category.id] : form.categoryIds.filter((id) => id !== category.id) })}
              />{' '}
              {category.name}
            </label>
          ))}
        </div>
        {errors['categoryIds'] && <p className="field-error">{errors['categoryIds']}</p>}
      </fieldset>
      <div className="field-row">
        <TextField label="Price" required inputMode="decimal" hint='Like "12.50".' value={form.price} onChange={set('price')} error={errors['price']} />
        {!book && <TextField label="Stock" type="number" min={0} value={form.stock} onChange={set('stock')} error={errors['stock']} />}
      </div>
      <div className="field-row">
        <TextField label="ISBN" value={form.isbn} onChange={set('isbn')} error={errors['isbn']} />
        <TextField label="Year published" inputMode="numeric" value={form.publishedYear} onChange={set('publishedYear')} error={errors['publishedYear']} />
        <TextField label="Pages" inputMode="numeric" value={form.pageCount} onChange={set('pageCount')} error={errors['pageCount']} />
      </div>
      <TextAreaField label="Description" rows={5} value={form.description} onChange={set('description')} error={errors['description']} />
      <TextField label="Cover image URL" type="url" hint="Leave empty to draw a cover from the title." value={form.coverUrl} onChange={set('coverUrl')} error={errors['coverUrl']} />
    </ActionForm>
  );
}

/** A number and a button: restocking and lending copies. */
function NumberAction({ label, submitLabel, initial, onSubmit, state, done }: { label: string; submitLabel: string; initial: string; onSubmit: (value: number) => Promise<unknown>; state: ActionState; done?: string | undefined }) {
  const [value, setValue] = useState(initial);
  const errors = fieldErrors(state.error);
  return (
    <ActionForm className="inline-form box" run={() => onSubmit(Number(value))} state={state} fields={['quantity', 'copies']} done={done} submitLabel={submitLabel}>
      <TextField label={label} type="number" min={0} required value={value} onChange={(event) => setValue(event.target.value)} error={errors['quantity'] ?? errors['copies']} />
    </ActionForm>
  );
}

function StockAndCopies({ book }: { book: Book }) {
  const availability = getFragmentData(AvailabilityFieldsFragment, book.availability);
  const [restock, restocked] = useMutation(RestockMutation);
  const [setCopies, copies] = useMutation(SetLendingCopiesMutation, {
    update(cache, { data }) {
      if (data) cache.modify({ id: cache.identify({ __typename: 'Book', id: book.id }), fields: { availability: () => data.setLendingCopies } });
    },
  });
  return (
    <section aria-labelledby="stock-title">
      <h2 id="stock-title">Stock and lending</h2>
      <p>
        In stock: <strong>{book.stock}</strong> · Lending copies: <strong>{availability.totalCopies}</strong> ({availability.availableCopies} free)
      </p>
      <NumberAction
        label="Copies to add to stock"
        submitLabel="Restock"
        initial="1"
        state={restocked}
        done={restocked.data ? `Stock is now ${restocked.data.restock.stock}.` : undefined}
        onSubmit={(quantity) => restock({ variables: { bookId: book.id, quantity } })}
      />
      <NumberAction
        label="Lending copies"
        submitLabel="Set lending copies"
        initial={String(availability.totalCopies)}
        state={copies}
        done={copies.data ? `The library now lends ${getFragmentData(AvailabilityFieldsFragment, copies.data.setLendingCopies).totalCopies}.` : undefined}
        onSubmit={(value) => setCopies({ variables: { bookId: book.id, copies: value } })}
      />
    </section>
  );
}

function NewCategory() {
  const [name, setName] = useState('');
  const [create, state] = useMutation(CreateCategoryMutation, { refetchQueries: ['BookEditor'] });
  return (
    <ActionForm
      className="inline-form"
      aria-label="New category"
      run={() => create({ variables: { input: { name } } })}
      state={state}
      fields={['name']}
      done={state.data && `Added ${state.data.createCategory.name}.`}
      submitLabel="Add category"
      submitClassName="button secondary"
    >
      <TextField label="New category" value={name} onChange={(event) => setName(event.target.value)} error={fieldErrors(state.error)['name']} />
    </ActionForm>
  );
}

function BookEditor() {
  const { id } = useParams();
  const { data, loading, error, refetch } = useQuery(BookEditorQueryDocument, { variables: { id: id ?? '', withBook: Boolean(id) } });
  if (!data && loading) return <Loading />;
  if (error && !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (id && !data?.book) return <p>No such book. <Link to="/staff">Back to staff</Link></p>;
  const book = data?.book ?? undefined;
  return (
    <>
      {book && (
        <p>
          <Link to={`/books/${book.id}`}>See it in the shop</Link>
        </p>
      )}
      <div className="two-columns">
        <BookForm key={book?.id ?? 'new'} details={book} categories={data?.categories ?? []} />
        <div>
          {book && <StockAndCopies book={book} />}
          <NewCategory />
        </div>
      </div>
    </>
  );
}

export default function BookEditorPage() {
  const { id } = useParams();
  return (
    <Page title={id ? 'Edit book' : 'Add a book'} roles={['LIBRARIAN', 'ADMIN']}>
      <BookEditor />
    </Page>
  );
}
